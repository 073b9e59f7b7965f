import { batchStage, StageFactory } from '../stream/stage';

/**
 * `filter`: keeps the records for which `predicate` is true, in order.
 *
 * Semantics: Spark's `DStream.filter` / Kafka Streams' `KStream#filter`. Stateless. A batch in
 * which nothing passes still flows downstream as an empty batch. When `predicate` is a type
 * guard the output type narrows (e.g. `filter((x): x is string => typeof x === 'string')`).
 *
 * @example
 * ```ts
 * words.filter((w) => w.startsWith('#')); // ['#a', 'b'] → ['#a']
 * ```
 * @see mapStage, flatMapStage
 */
export function filterStage<A, B extends A = A>(predicate: ((record: A) => record is B) | ((record: A) => boolean)): StageFactory<A, B> {
  return () =>
    batchStage((records) => {
      const out: B[] = [];
      for (const r of records) if (predicate(r)) out.push(r as B);
      return out;
    });
}
