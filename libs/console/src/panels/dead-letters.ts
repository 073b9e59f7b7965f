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

/**
 * Counts of dead-lettered records by DLQ topic and reason (`sluice-dlq-reason`, `unknown` when
 * absent) and the last {@link RECENT_DEAD_LETTERS} records with their headers. Pure.
 */
export class DeadLetterBook {
  private readonly counts = new Map<string, { topic: string; reason: string; count: number }>();
  private readonly recent: DeadLetterView[] = [];

  add(r: DeadLetterRecord): void {
    const reasonHeader = r.headers[DlqHeaders.reason];
    const reason = reasonHeader === undefined ? 'unknown' : safeValue(reasonHeader, 64).text || 'unknown';
    const id = `${r.topic}\u0000${reason}`;
    const c = this.counts.get(id) ?? { topic: r.topic, reason, count: 0 };
    c.count++;
    this.counts.set(id, c);
    this.recent.push({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      reason,
      key: safeValue(r.key),
      value: safeValue(r.value),
      headers: Object.entries(r.headers).map(([name, v]) => ({ name: safeValue(name, 128).text, value: safeValue(v ?? null) })),
    });
    if (this.recent.length > RECENT_DEAD_LETTERS) this.recent.shift();
  }

  /** Counts by topic and reason, largest first. */
  totals(): Array<{ topic: string; reason: string; count: number }> {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic)).map((c) => ({ ...c }));
  }

  /** The last records, newest first. */
  latest(): DeadLetterView[] {
    return [...this.recent].reverse();
  }
}
