import type { GroupedStore } from '../state/grouped-store';
import type { KeyValueStore } from '../state/key-value-store';

/**
 * The keyed value of a sliding window kept incrementally with an inverse function, as Spark's
 * `ReducedWindowedDStream` does: moving the window from end `from` to end `to` inverse-reduces the
 * batch slices that left it and reduces the slices that entered it, instead of reducing every
 * slice of the new window again.
 *
 * The window's value per key lives in the `<operator>-window` store (one changelog record per
 * changed key). A key whose value becomes neutral (`isNeutral`, default `v === 0`) is deleted,
 * and a deleted key is taken as neutral when it enters again (`fn(neutral, v) = v`) or when a
 * slice leaves it (`inverse(neutral, v)`, with neutral = `inverse(v, v)`).
 *
 * Correctness needs `inverse(fn(a, b), b) === a` exactly; with floating-point values rounding can
 * leave a key at a tiny non-zero value — give `isNeutral` a tolerance then.
 */
export class IncrementalWindow<V> {
  constructor(
    private readonly window: KeyValueStore<V>,
    private readonly fn: (a: V, b: V) => V,
    private readonly inverse: (a: V, b: V) => V,
    private readonly isNeutral: (value: V, key: string) => boolean,
  ) {}

  /** Adds a batch that belongs to the current window (a repeated call for the window's end slot). */
  add(batch: Iterable<readonly [string, V]>): void {
    for (const [k, v] of batch) this.apply(k, v, this.fn);
  }

  /**
   * Moves the window from end `from` (undefined: no window yet) to end `to` (ms).
   * Without overlap (`to - length >= from`) the window is rebuilt from the slices of `(to - length, to]`.
   */
  advance(from: number | undefined, to: number, slices: GroupedStore<V>, lengthMs: number): void {
    const groups = slices.groups();
    if (from === undefined || to - lengthMs >= from) {
      for (const k of [...this.window.entries()].map(([key]) => key)) this.window.delete(k);
      for (const s of groups) if (s > to - lengthMs && s <= to) this.add(slices.group(s)!);
      return;
    }
    for (const s of groups) {
      if (s > from - lengthMs && s <= to - lengthMs) for (const [k, v] of slices.group(s)!) this.apply(k, v, this.inverse);
    }
    for (const s of groups) if (s > from && s <= to) this.add(slices.group(s)!);
  }

  /** Number of keys in the window. */
  get size(): number {
    return this.window.size;
  }

  /** The window's current `[key, value]` pairs. */
  pairs<K extends string>(): Array<[K, V]> {
    return [...this.window.entries()] as Array<[K, V]>;
  }

  private apply(key: string, value: V, op: (a: V, b: V) => V): void {
    const prev = this.window.get(key);
    // An absent key is neutral; inverse(v, v) is the neutral element of an invertible reduce.
    const next = prev !== undefined ? op(prev, value) : op === this.fn ? value : op(this.inverse(value, value), value);
    if (this.isNeutral(next, key)) this.window.delete(key);
    else this.window.put(key, next);
  }
}
