import { batchStage, StageFactory } from '../stream/stage';

/**
 * `transform`: replaces each whole batch by `fn(records, batchTimeMs)`, for what needs the
 * batch as a set rather than one record at a time — joining with static reference data,
 * sorting, keeping the top N, attaching a window's bounds.
 *
 * Semantics: Spark's `DStream.transform(rdd => ...)` (the seed's `transform(sortByKey)` and its
 * stream-static join with an authors table). `fn` runs once per batch of its parent, empty
 * batches included; after a window it runs once per emitted window and `batchTimeMs` is the
 * window's end. `fn` must not modify `records` (it may return it), must be deterministic and
 * must not keep state of its own: state kept outside the stores is lost on a restart.
 *
 * @example
 * ```ts
 * counts.transform((pairs, t) => [...pairs].sort((a, b) => b[1] - a[1]).slice(0, 10));
 * counts.transform((pairs) => pairs.filter(([author]) => authors.has(author))); // inner join
 * ```
 * @see topN for a deterministic ranking helper.
 */
export function transformStage<A, B>(fn: (records: readonly A[], batchTimeMs: number) => B[]): StageFactory<A, B> {
  return () => batchStage(fn);
}
