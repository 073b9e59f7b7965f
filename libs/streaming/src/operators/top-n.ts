/**
 * The first `n` items of `items` in `compare` order, for a `transform` that ranks a batch or a
 * window (the seed's `sortByKey(False)` and `limit(10)`).
 *
 * Deterministic when `compare` is a total order — break ties explicitly (e.g. by key), since the
 * order in which a window's keys arrive changes across restarts. Does not modify `items`.
 * `n <= 0` gives `[]`; `n` larger than the input gives every item, sorted.
 *
 * @example
 * ```ts
 * topN([['b', 2], ['a', 2], ['c', 5]], 2, byCountDescThenKey); // [['c', 5], ['a', 2]]
 * ```
 * @throws RangeError when `n` is not an integer
 */
export function topN<T>(items: readonly T[], n: number, compare: (a: T, b: T) => number): T[] {
  if (!Number.isInteger(n)) throw new RangeError(`topN: n must be an integer, got ${n}`);
  if (n <= 0) return [];
  return [...items].sort(compare).slice(0, n);
}

/**
 * Orders `[key, count]` pairs by count descending, then key ascending (code-unit order, the same
 * in every locale), so ties rank the same way on every run.
 */
export function byCountDescThenKey(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}
