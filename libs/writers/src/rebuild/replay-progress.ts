/** Where one partition's replay starts and must reach: its log start and end offsets when the replay began. */
export interface ReplayTarget {
  topic: string;
  partition: number;
  /** First offset still in the log (compaction and retention move it up). */
  low: number;
  /** Offset after the last record when the replay began (the high watermark). */
  high: number;
}

/** How far a replay is: offsets covered and to cover, summed over the partitions. */
export interface ReplayProgress {
  done: number;
  total: number;
  /** Every partition's committed offset reached its `high`. */
  complete: boolean;
}

/**
 * Progress of a consumer group replaying `targets` from the beginning: per partition, the committed
 * offset's distance from `low`, capped at `high` (records written after the replay began are not
 * part of it). A partition with no commit yet (`-1` or absent) has done nothing; an empty one
 * (`low === high`) is complete. Counts offsets, not records: on a compacted topic some offsets
 * hold no record any more.
 *
 * @param committed committed offset per `topic:partition` (kafkajs `admin.fetchOffsets`, as numbers)
 */
export function replayProgress(targets: readonly ReplayTarget[], committed: ReadonlyMap<string, number>): ReplayProgress {
  let done = 0;
  let total = 0;
  let complete = true;
  for (const t of targets) {
    const span = Math.max(0, t.high - t.low);
    const at = committed.get(`${t.topic}:${t.partition}`) ?? -1;
    const covered = at < 0 ? 0 : Math.min(span, Math.max(0, at - t.low));
    total += span;
    done += covered;
    if (covered < span) complete = false;
  }
  return { done, total, complete };
}
