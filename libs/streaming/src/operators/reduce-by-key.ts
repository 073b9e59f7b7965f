import { batchStage, StageFactory } from '../stream/stage';

/** A keyed record: keys are strings because they key state stores and Kafka records. */
export type Pair<K extends string, V> = readonly [K, V];

/**
 * `reduceByKey`: combines, within each batch, the values of each key with `fn`, giving one
 * `[key, value]` pair per distinct key of the batch.
 *
 * Semantics: Spark's `PairDStreamFunctions.reduceByKey` — per batch only, nothing is carried to
 * the next batch (use `reduceByKeyAndWindow` or `updateStateByKey` for that). `fn` must be
 * associative and commutative (Spark combines partial results in any order); here values are
 * folded left to right in input order. Keys come out in order of first appearance in the batch.
 * A key seen once keeps its value untouched (`fn` is not called). Empty batch → empty batch.
 *
 * @example
 * ```ts
 * pairs.reduceByKey((a, b) => a + b); // [['Web',1],['Store',2],['Web',3]] → [['Web',4],['Store',2]]
 * ```
 * @see countByKeyStage
 */
export function reduceByKeyStage<K extends string, V>(fn: (a: V, b: V) => V): StageFactory<Pair<K, V>, [K, V]> {
  return () => batchStage((records) => [...reducePairs(records, fn)]);
}

/** Folds `[key, value]` pairs into `into` with `fn` (first value of a key is kept as is). */
export function reducePairs<K extends string, V>(records: Iterable<Pair<K, V>>, fn: (a: V, b: V) => V, into = new Map<K, V>()): Map<K, V> {
  for (const [k, v] of records) {
    const prev = into.get(k);
    into.set(k, prev === undefined && !into.has(k) ? v : fn(prev as V, v));
  }
  return into;
}
