import { countCodec, MicroBatchStream, Tokenizer } from '@sluice/streaming';

/** Stable name of the words shuffle: the internal topic `<group>-word-counts-repartition`. */
export const WORDS_REPARTITION = 'word-counts';

/**
 * The words shuffle shared by `word-counts` and `word-counts-windowed`: lines tokenized, counted
 * per batch on each `text-lines` partition (a combiner, as Spark's map-side `reduceByKey`), then
 * repartitioned by word, so each word's counts meet in one task. Both jobs declare it, and the
 * topology runs it once (a repartition name identifies its upstream).
 */
export function wordsByBatch(o: { batchIntervalMs: number; tokenizer: Tokenizer }): MicroBatchStream<string, [string, number]> {
  return MicroBatchStream.source<string>({ batchIntervalMs: o.batchIntervalMs })
    .flatMap(o.tokenizer)
    .mapToPair((word) => [word, 1])
    .countByKey()
    .repartition(WORDS_REPARTITION, ([word]) => word, { codec: countCodec });
}
