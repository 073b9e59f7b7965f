import { BatchWindows, byCountDescThenKey, countCodec, extractHashtags, MicroBatchStream, topN } from '@sluice/streaming';

/** Stable operator name of the job; its stores are `hashtags-top-{slices,window,meta}`. */
export const HASHTAGS_TOP_OPERATOR = 'hashtags-top';

/** The most used hashtags of one processing-time window (JSON-ready, absolute). */
export interface HashtagsTop {
  /** Window start (ms, exclusive): `windowEnd - length`. */
  windowStart: number;
  /** Window end (ms, inclusive): the slide point at which it was computed. */
  windowEnd: number;
  /** At most N tags, by count descending, ties by tag ascending (code-unit order). */
  top: Array<{ tag: string; count: number }>;
}

/** Options of the `hashtags-top` job. */
export interface HashtagsTopOptions {
  batchIntervalMs: number;
  /** Window length (ms). Default 30,000. */
  windowLengthMs?: number;
  /** Slide (ms). Default 10,000. */
  slideMs?: number;
  /** How many tags to keep. Default 10. */
  topN?: number;
}

/**
 * `hashtags-top` from lines (tweets): hashtags (see `extractHashtags`: `#` stripped, case kept)
 * counted per sliding processing-time window and ranked — the seed's
 * `flatMap(#words).map((tag, 1)).reduceByKey(+).transform(sortByKey(False))`, over a window.
 *
 * Every `slideMs`, one {@link HashtagsTop} record per window holding at least one tag. Ties are
 * broken by tag so the ranking is the same on every run and after a restart.
 *
 * Partitioning: the per-batch counts of each `text-lines` partition are repartitioned to an
 * internal topic of **one partition** (a top-N ranking is a global aggregate, so every tag must meet
 * in one task, as Kafka Streams does for a global `groupBy`); the load is small, one record per
 * distinct tag per batch and partition, not one per occurrence.
 *
 * @throws PipelineDefinitionError when length or slide is not a multiple of the batch interval
 */
export function hashtagsTopJob(o: HashtagsTopOptions): MicroBatchStream<string, HashtagsTop> {
  const counts = MicroBatchStream.source<string>({ batchIntervalMs: o.batchIntervalMs })
    .flatMap(extractHashtags)
    .mapToPair((tag) => [tag, 1])
    .reduceByKey((a, b) => a + b)
    .repartition(HASHTAGS_TOP_OPERATOR, ([tag]) => tag, { codec: countCodec, partitions: 1 });
  return rankedWindows(counts, o);
}

/** `hashtags-top` from per-batch `[tag, count]` pairs (after a repartition by tag). */
export function hashtagsTopFromCountsJob(o: HashtagsTopOptions): MicroBatchStream<[string, number], HashtagsTop> {
  return rankedWindows(MicroBatchStream.source<[string, number]>({ batchIntervalMs: o.batchIntervalMs }), o);
}

function rankedWindows<I>(counts: MicroBatchStream<I, [string, number]>, o: HashtagsTopOptions): MicroBatchStream<I, HashtagsTop> {
  const windows = BatchWindows.sliding(o.windowLengthMs ?? 30_000, o.slideMs ?? 10_000);
  return counts
    .reduceByKeyAndWindow((a, b) => a + b, windows, { name: HASHTAGS_TOP_OPERATOR, inverse: (a, b) => a - b })
    .transform((pairs, end) =>
      pairs.length === 0
        ? []
        : [{ windowStart: end - windows.lengthMs, windowEnd: end, top: topN(pairs, o.topN ?? 10, byCountDescThenKey).map(([tag, count]) => ({ tag, count })) }],
    );
}
