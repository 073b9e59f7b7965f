/** Consumer lag of one partition for one group (offsets are Kafka offsets, times ms). */
export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset; null when it never committed (lag counts from the earliest offset). */
  committed: number | null;
  /** The partition's end offset (high watermark; for read_committed, the last stable offset). */
  end: number;
  /** Records between the committed (or earliest) offset and the end offset. */
  lag: number;
  /** Lag divided by the rate the group committed over the last samples (s); null when it does not advance. */
  lagSeconds: number | null;
}

/** What the Kafka admin API answered for one group: committed offsets and the topics' offsets. */
export interface GroupOffsets {
  group: string;
  committed: ReadonlyArray<{ topic: string; partition: number; offset: number }>;
  ends: ReadonlyArray<{ topic: string; partition: number; low: number; high: number }>;
}

/** One point of a group's total lag over time. */
export interface LagPoint {
  at: number;
  lag: number;
}

/** Samples of one partition's committed offset kept to estimate its commit rate. */
const RATE_WINDOW_MS = 30_000;
/** Points of total lag kept per group. */
export const LAG_HISTORY_POINTS = 300;

/**
 * Lag per partition: `end - committed` (Kafka's consumer-group lag, as `kafka-consumer-groups
 * --describe` prints it); a partition the group never committed counts from its earliest offset.
 * Only topics the group committed at least once are listed. Pure.
 */
export function partitionLags(o: GroupOffsets): Array<Omit<PartitionLag, 'lagSeconds'>> {
  const byPartition = new Map(o.committed.map((c) => [`${c.topic}\u0000${c.partition}`, c.offset]));
  const topics = new Set(o.committed.filter((c) => c.offset >= 0).map((c) => c.topic));
  const rows: Array<Omit<PartitionLag, 'lagSeconds'>> = [];
  for (const e of o.ends) {
    if (!topics.has(e.topic)) continue;
    const c = byPartition.get(`${e.topic}\u0000${e.partition}`);
    const committed = c !== undefined && c >= 0 ? c : null;
    const from = committed ?? e.low;
    rows.push({ group: o.group, topic: e.topic, partition: e.partition, committed, end: e.high, lag: Math.max(0, e.high - from) });
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/**
 * Lag of every tracked group over time: each {@link record} adds the groups' partition lags and a
 * point of total lag per group (the last {@link LAG_HISTORY_POINTS} kept), and estimates lag in
 * seconds from how fast the group's committed offsets advanced over the last 30 s.
 */
export class LagTracker {
  private readonly samples = new Map<string, Array<{ at: number; offset: number }>>();
  private readonly history = new Map<string, LagPoint[]>();
  private current: PartitionLag[] = [];

  /** Replaces the current lag with what the admin API answered at `now` (ms). */
  record(answers: readonly GroupOffsets[], now: number): PartitionLag[] {
    const rows: PartitionLag[] = [];
    for (const a of answers) {
      let total = 0;
      for (const r of partitionLags(a)) {
        total += r.lag;
        rows.push({ ...r, lagSeconds: this.lagSeconds(`${r.group}\u0000${r.topic}\u0000${r.partition}`, r, now) });
      }
      const points = this.history.get(a.group) ?? [];
      points.push({ at: now, lag: total });
      if (points.length > LAG_HISTORY_POINTS) points.shift();
      this.history.set(a.group, points);
    }
    this.current = rows;
    return rows;
  }

  /** The partition lags of the last {@link record}. */
  partitions(): PartitionLag[] {
    return this.current;
  }

  /** Total lag over time, per group. */
  totals(): Record<string, LagPoint[]> {
    return Object.fromEntries(this.history);
  }

  private lagSeconds(id: string, r: Omit<PartitionLag, 'lagSeconds'>, now: number): number | null {
    if (r.lag === 0) return 0;
    const list = this.samples.get(id) ?? [];
    if (r.committed !== null) list.push({ at: now, offset: r.committed });
    while (list.length > 2 && now - list[0].at > RATE_WINDOW_MS) list.shift();
    this.samples.set(id, list);
    if (list.length < 2) return null;
    const first = list[0];
    const last = list[list.length - 1];
    const rate = (last.offset - first.offset) / ((last.at - first.at) / 1000);
    return rate > 0 ? r.lag / rate : null;
  }
}
