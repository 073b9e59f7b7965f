import { DlqHeaders } from '@sluice/contracts';
import { safeValue, SafeValue } from './safe-value';

/** A dead-lettered record as the Dead letters panel shows it. */
export interface DeadLetterView {
  topic: string;
  partition: number;
  offset: string;
  /** Record timestamp (ms). */
  timestamp: number;
  reason: string;
  key: SafeValue;
  value: SafeValue;
  /** Every header, values made safe (the `sluice-dlq-*` ones say why, where from, by whom). */
  headers: Array<{ name: string; value: SafeValue }>;
}

/** Dead-lettered records kept for the panel. */
export const RECENT_DEAD_LETTERS = 20;

/** One record read from a `<topic>.dlq` topic. */
export interface DeadLetterRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string | undefined>;
}

/** Distinct reasons counted per topic at most (a flood of made-up reason headers stays bounded). */
const MAX_REASONS_PER_TOPIC = 50;

/**
 * Counts of dead-lettered records by DLQ topic and reason (`sluice-dlq-reason`, `unknown` when
 * absent) and the last {@link RECENT_DEAD_LETTERS} records with their headers. Records are kept as
 * read and made safe only when shown (a DLQ read from its beginning costs a count per record).
 * Pure.
 */
export class DeadLetterBook {
  private readonly counts = new Map<string, { topic: string; reason: string; count: number }>();
  private readonly reasonsPerTopic = new Map<string, number>();
  private readonly recent: Array<{ record: DeadLetterRecord; reason: string }> = [];

  add(r: DeadLetterRecord): void {
    const header = r.headers[DlqHeaders.reason];
    const raw = header === undefined ? '' : typeof header === 'string' ? header : header.toString('utf8');
    let reason = raw === '' ? 'unknown' : raw.length > 64 ? safeValue(raw, 64).text : raw;
    let id = `${r.topic}\u0000${reason}`;
    if (!this.counts.has(id)) {
      const n = this.reasonsPerTopic.get(r.topic) ?? 0;
      if (n >= MAX_REASONS_PER_TOPIC) {
        reason = 'other';
        id = `${r.topic}\u0000${reason}`;
      } else this.reasonsPerTopic.set(r.topic, n + 1);
    }
    const c = this.counts.get(id) ?? { topic: r.topic, reason, count: 0 };
    c.count++;
    this.counts.set(id, c);
    this.recent.push({ record: r, reason });
    if (this.recent.length > RECENT_DEAD_LETTERS) this.recent.shift();
  }

  /** Counts by topic and reason, largest first. */
  totals(): Array<{ topic: string; reason: string; count: number }> {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic)).map((c) => ({ ...c }));
  }

  /** The last records, newest first, keys, values and headers made safe ({@link safeValue}). */
  latest(): DeadLetterView[] {
    return [...this.recent].reverse().map(({ record: r, reason }) => ({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      reason: safeValue(reason, 64).text,
      key: safeValue(r.key),
      value: safeValue(r.value),
      headers: Object.entries(r.headers).map(([name, v]) => ({ name: safeValue(name, 128).text, value: safeValue(v ?? null) })),
    }));
  }
}
