import { MicroBatchStream, Tokenizer } from '@sluice/streaming';
import { wordsByBatch } from '../text/words-by-batch';

/** Stable operator name of the running totals; their store keeps its original name `word-counts-store`. */
export const WORD_COUNTS_OPERATOR = 'word-counts';
export const WORD_COUNTS_STORE = 'word-counts-store';

/** A word's absolute running total, as of the micro-batch time `updatedAtMs`. */
export interface WordTotal {
  word: string;
  count: number;
  /** Batch time (ms) of the update. */
  updatedAtMs: number;
}

/**
 * `word-counts`, the seed's running word count — Spark's
 * `flatMap(split) → map((w, 1)) → reduceByKey(+) → updateStateByKey(sum)`, as Kafka Streams'
 * `WordCountDemo` writes it: lines tokenized and counted per batch, repartitioned by word (the
 * shared {@link wordsByBatch} shuffle), then each word's total kept in `word-counts-store` (one number
 * per word) and emitted, absolute, for every word counted in the batch (never a delta, so writers
 * upsert idempotently).
 */
export function wordCountsPipeline(o: { batchIntervalMs: number; tokenizer: Tokenizer }): MicroBatchStream<string, WordTotal> {
  return wordsByBatch(o)
    .updateStateByKey<string, number, number>((counts, total) => counts.reduce((a, b) => a + b, total ?? 0), {
      name: WORD_COUNTS_OPERATOR,
      store: { name: WORD_COUNTS_STORE, stateOnly: true },
    })
    .flatMap((s) => (s.kind === 'state' ? [{ word: s.key, count: s.state, updatedAtMs: s.lastUpdateMs }] : []));
}
