import { GroupedStore } from '../state/grouped-store';
import type { StageFactory } from '../stream/stage';
import type { BatchWindows } from './window-spec';
import { IncrementalWindow } from './incremental-window';
import { Pair, reducePairs } from './reduce-by-key';
import { WindowProgress } from './window-progress';

/** Options of {@link reduceByKeyAndWindowStage}. */
export interface ReduceByKeyAndWindowOptions<V> {
  /** Stable operator name; names its stores `<name>-slices`, `<name>-window` (with `inverse`) and `<name>-meta`. */
  name: string;
  /**
   * Inverse of the reduce function, `inverse(fn(a, b), b) === a` (e.g. `(a, b) => a - b` for a sum).
   * With it the window is kept incrementally (Spark's `reduceByKeyAndWindow(fn, invFn, ...)`).
   */
  inverse?: (a: V, b: V) => V;
  /**
   * With `inverse`: keys whose windowed value satisfies this are dropped from the window and from
   * the output. Default `v === 0`. Spark's `filterFunc` defaults to keeping every key, so that a key
   * that once appeared is emitted with `0` forever; pass `() => false` for that behaviour.
   * Ignored without `inverse` (a key is then emitted exactly when some batch of the window has it).
   */
  isNeutral?: (value: V, key: string) => boolean;
}

/**
 * `reduceByKeyAndWindow`: at every slide point `t`, one `[key, value]` pair per key present in the
 * window `(t - length, t]`, its value the reduce (`fn`) of all its values in the window's batches.
 *
 * Semantics: Spark's `PairDStreamFunctions.reduceByKeyAndWindow` — output only at slide points,
 * bounds and alignment as documented on {@link BatchWindows}; the emitted batch's time is `t` (the
 * window's end, inclusive), its start `t - length` (exclusive). Every key of the window is emitted
 * at every slide point (absolute values, not changes). Windows holding no batch emit nothing —
 * except, with `inverse` and an `isNeutral` that keeps neutral keys, the latest slide point's window
 * when such keys remain in it (after a gap, the slide points in between are not emitted).
 *
 * Two modes give the same values:
 * - without `inverse`: each window reduces the per-batch slices it holds (`length / interval` slices);
 * - with `inverse`: the previous window's values are updated with the slices that entered and left
 *   (two slices per slide); keys whose value becomes neutral are dropped (see
 *   {@link ReduceByKeyAndWindowOptions.isNeutral}) — the only difference between the two modes.
 *
 * Each batch is first reduced per key (a combiner) and kept as a slice in `<name>-slices`
 * (`"<batch time>|<key>" → value`) until it leaves the last window holding it. Values must survive
 * JSON. Gaps, repeated and out-of-order batch times behave as for {@link windowStage}.
 *
 * @example
 * ```ts
 * visits.reduceByKeyAndWindow((a, b) => a + b, BatchWindows.sliding(3000, 1000), { name: 'visits', inverse: (a, b) => a - b });
 * ```
 */
export function reduceByKeyAndWindowStage<K extends string, V>(
  fn: (a: V, b: V) => V,
  windows: BatchWindows,
  o: ReduceByKeyAndWindowOptions<V>,
): StageFactory<Pair<K, V>, [K, V]> {
  return (stores) => {
    const slices = new GroupedStore(stores.create<V>(`${o.name}-slices`));
    const isNeutral = o.isNeutral ?? ((v: V) => (v as unknown) === 0);
    const incremental = o.inverse ? new IncrementalWindow<V>(stores.create<V>(`${o.name}-window`), fn, o.inverse, isNeutral) : undefined;
    const progress = new WindowProgress(stores.create<number>(`${o.name}-meta`));
    const recompute = (end: number): Array<[K, V]> => {
      const acc = new Map<K, V>();
      for (const s of slices.groups()) if (s > end - windows.lengthMs && s <= end) reducePairs(slices.group(s)! as ReadonlyMap<K, V>, fn, acc);
      return [...acc];
    };
    const current = (end: number) => (incremental ? incremental.pairs<K>() : recompute(end));

    return {
      push(timeMs, records, emit) {
        // Idle: nothing held and nothing new, so no window can be emitted; the progress is left
        // as is too, and an idle task writes no changelog record per trigger.
        if (records.length === 0 && slices.isEmpty && !incremental?.size) return;
        const slot = progress.slotFor(timeMs);
        const batch = reducePairs(records, fn);
        for (const [k, v] of batch) {
          const prev = slices.get(slot, k);
          slices.put(slot, k, prev === undefined ? v : fn(prev, v));
        }
        const prevEnd = progress.windowEnd;
        if (incremental && prevEnd === slot) incremental.add(batch);
        let end = prevEnd;
        const points = windows.nonEmptySlidePoints(prevEnd ?? -Infinity, slot, slices.groups());
        for (const p of points) {
          incremental?.advance(end, p, slices, windows.lengthMs);
          end = p;
          emit(p, current(p));
        }
        if (points.length === 0 && prevEnd === slot && batch.size > 0) emit(slot, current(slot));
        const last = windows.slidePointAtOrBefore(slot);
        if (end === undefined || last > end) {
          incremental?.advance(end, last, slices, windows.lengthMs);
          end = last;
          // Only keys kept at a neutral value (isNeutral false) can remain in a window holding no batch.
          if (incremental && incremental.size > 0) emit(last, incremental.pairs<K>());
        }
        for (const s of slices.groups()) if (s <= end - windows.lengthMs) slices.deleteGroup(s);
        progress.save(slot, end);
      },
    };
  };
}
