import { BatchWindows, MicroBatchStream } from '@sluice/streaming';
import type { Tokenizer } from '@sluice/streaming';
import { wordsByBatch } from '../text/words-by-batch';

/** Stable operator name of the job; its stores are `word-counts-windowed-{slices,window,meta}`. */
export const WORD_COUNTS_WINDOWED_OPERATOR = 'word-counts-windowed';

/** One word's count in one processing-time window (JSON-ready, absolute). */
export interface WordWindowCount {
  word: string;
  /** Occurrences in the batches of the window. */
  count: number;
  /** Window start (ms, exclusive): `windowEnd - length`. */
  windowStart: number;
  /** Window end (ms, inclusive): the slide point at which the window was computed. */
  windowEnd: number;
}

/** Options of the `word-counts-windowed` job. */
export interface WordCountsWindowedOptions {
  batchIntervalMs: number;
  /** Window length (ms), a multiple of the batch interval. Default 30,000. */
  windowLengthMs?: number;
  /** Slide (ms), a multiple of the batch interval. Default 10,000. */
  slideMs?: number;
  /** Keep the window incrementally (add entering, subtract leaving batches). Default true; same counts. */
  incremental?: boolean;
}

/**
 * `word-counts-windowed` from lines: tokenize, count per batch, repartition by word (the shared
 * `wordsByBatch` shuffle), then count per word over a sliding processing-time window — the seed's
 * `flatMap(split).map((w, 1)).reduceByKeyAndWindow(+, -, 30, 10)`.
 *
 * Every `slideMs`, one {@link WordWindowCount} per word present in the last `windowLengthMs` of
 * batches: the window at `t` holds the batches with times in `(t - length, t]` (Spark's bounds; see
 * `BatchWindows`). Words whose count falls to 0 are not emitted. Windows with no words emit nothing.
 * Compiled, each word lives in one partition of the words shuffle, so every count is global.
 *
 * @throws PipelineDefinitionError when length or slide is not a multiple of the batch interval
 */
export function wordCountsWindowedJob(o: WordCountsWindowedOptions & { tokenizer: Tokenizer }): MicroBatchStream<string, WordWindowCount> {
  return windowedCounts(wordsByBatch(o), o);
}

/**
 * `word-counts-windowed` from per-batch `[word, count]` pairs (after a repartition by word, so each
 * word lives in one task): the same windows and outputs as {@link wordCountsWindowedJob}.
 */
export function wordCountsWindowedFromCountsJob(o: WordCountsWindowedOptions): MicroBatchStream<[string, number], WordWindowCount> {
  return windowedCounts(MicroBatchStream.source<[string, number]>({ batchIntervalMs: o.batchIntervalMs }), o);
}

function windowedCounts<I>(counts: MicroBatchStream<I, [string, number]>, o: WordCountsWindowedOptions): MicroBatchStream<I, WordWindowCount> {
  const windows = BatchWindows.sliding(o.windowLengthMs ?? 30_000, o.slideMs ?? 10_000);
  const inverse = o.incremental === false ? undefined : (a: number, b: number) => a - b;
  return counts
    .reduceByKeyAndWindow((a, b) => a + b, windows, { name: WORD_COUNTS_WINDOWED_OPERATOR, inverse })
    .transform((pairs, end) => pairs.map(([word, count]) => ({ word, count, windowStart: end - windows.lengthMs, windowEnd: end })));
}
