import { batchStage, StageFactory } from '../stream/stage';
import type { Pair } from './reduce-by-key';

/**
 * `countByKey`: the number of records of each key within each batch, as `[key, count]` pairs.
 *
 * Semantics: the per-batch `reduceByKey` of `(key, 1)`, i.e. Spark's `countByValue` applied to
 * the keys of a pair stream; values are ignored. Per batch only. Keys come out in order of first
 * appearance. Empty batch → empty batch.
 *
 * @example
 * ```ts
 * visits.countByKey(); // [['Web',1],['Store',2],['Web',3]] → [['Web',2],['Store',1]]
 * ```
 * @see reduceByKeyStage, and `countByKeyAndWindow` for counts over a sliding window.
 */
export function countByKeyStage<K extends string>(): StageFactory<Pair<K, unknown>, [K, number]> {
  return () =>
    batchStage((records) => {
      const counts = new Map<K, number>();
      for (const [k] of records) counts.set(k, (counts.get(k) ?? 0) + 1);
      return [...counts];
    });
}
