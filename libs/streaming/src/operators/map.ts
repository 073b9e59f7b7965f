import { batchStage, StageFactory } from '../stream/stage';

/**
 * `map`: applies `fn` to every record of every batch, one output per input, order kept.
 *
 * Semantics: Spark's `DStream.map` / Kafka Streams' `KStream#mapValues`. Stateless: nothing is
 * kept between batches and nothing is stored. An empty batch gives an empty batch (the batch
 * still flows, so windows downstream slide on time).
 *
 * @example
 * ```ts
 * source.map((line) => line.length); // ['ab', 'c'] → [2, 1]
 * ```
 * @see flatMapStage for zero or more outputs per input, filterStage to drop records.
 */
export function mapStage<A, B>(fn: (record: A) => B): StageFactory<A, B> {
  return () =>
    batchStage((records) => {
      const out = new Array<B>(records.length);
      for (let i = 0; i < records.length; i++) out[i] = fn(records[i]);
      return out;
    });
}
