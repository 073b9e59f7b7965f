/** What a writer's consumer should do after a batch: stop or restart fetching the deferred topics. */
export type CatchUpAction = 'pause' | 'resume' | undefined;

/**
 * Running results first: the decision of when a writer defers its windowed result topics so that
 * its running ones (a compacted table with one latest value per key: `word-counts`,
 * `sensor-extremes`) catch up first after an outage, a crash or a restart.
 *
 * A writer that fell behind reads every topic it keeps in the same fetch rounds, so a backlog of
 * windowed records (each a new key: nothing to collapse) holds back the running totals a user
 * looks at. A backlog of a running result is cheap, because a fetched batch keeps one upsert per
 * key (`planWrites`), so it is the one worth clearing first. While any assigned partition of a
 * running topic is more than `maxLag` records behind its high watermark, the windowed topics are
 * paused (Kafka's `pause`: not fetched; batches already fetched are still written and committed);
 * once every one is within `maxLag`, they resume and their backlog is written as before. Nothing
 * is skipped or reordered within a partition, so delivery stays at-least-once and idempotent.
 * A pause lasts only as long as the running topics take to catch up, since they keep being fetched.
 *
 * Kafka Streams chooses among a task's input partitions by record timestamp; the result topics of
 * a writer have no event-time order between them, so the writer chooses by what a backlog costs.
 *
 * The lag of a partition is known from its batches only; a partition with no batch since the last
 * assignment counts as caught up. {@link reset} forgets every lag at a new assignment (a revoked
 * partition must not keep the others paused).
 */
export class CatchUpPriority {
  private readonly behind = new Set<string>();
  private paused = false;

  /**
   * @param running topics of running results (read first)
   * @param maxLag records (≥ 0) a running partition may be behind before the others wait; `0` disables
   *   deferring altogether (every topic is read in the same rounds)
   */
  constructor(
    private readonly running: ReadonlySet<string>,
    private readonly maxLag: number,
  ) {}

  /** Whether any topic is ever deferred (there is a running topic and a lag bound). */
  get enabled(): boolean {
    return this.maxLag > 0 && this.running.size > 0;
  }

  /** The topics of `topics` that wait while a running one catches up (every non-running one). */
  deferred(topics: readonly string[]): string[] {
    return this.enabled ? topics.filter((t) => !this.running.has(t)) : [];
  }

  /**
   * Records how far a partition is behind after a handled batch.
   * @param lag records (≥ 0) between the last handled record and the partition's high watermark
   * @returns `pause` when a running partition just fell more than `maxLag` behind, `resume` when
   *   the last one caught up, otherwise undefined (nothing to change)
   */
  observe(topic: string, partition: number, lag: number): CatchUpAction {
    if (!this.enabled || !this.running.has(topic)) return undefined;
    const id = `${topic}/${partition}`;
    if (lag > this.maxLag) this.behind.add(id);
    else this.behind.delete(id);
    if (!this.paused && this.behind.size > 0) {
      this.paused = true;
      return 'pause';
    }
    if (this.paused && this.behind.size === 0) {
      this.paused = false;
      return 'resume';
    }
    return undefined;
  }

  /** Running partitions behind by more than `maxLag`, as `topic/partition` (for the log and status). */
  lagging(): string[] {
    return [...this.behind];
  }

  /**
   * Forgets every lag (a new assignment). @returns `resume` when the deferred topics were paused
   * (the next batches decide again), otherwise undefined
   */
  reset(): CatchUpAction {
    this.behind.clear();
    if (!this.paused) return undefined;
    this.paused = false;
    return 'resume';
  }
}
