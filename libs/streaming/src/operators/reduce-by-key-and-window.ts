import { KeyValueStore } from '../state/key-value-store';
import { isSlideTime, validateWindow, WindowSpec } from './window-spec';

export interface ReduceByKeyAndWindowOptions<V> extends WindowSpec {
  /** Stable operator name: its stores are `<name>-slices` and `<name>-window`. */
  name: string;
  /** Associative and commutative reduce (Spark's `func`). */
  reduce: (a: V, b: V) => V;
  /**
   * Inverse of `reduce` (Spark's `invFunc`): with it the window is kept incrementally — new
   * batches are added and batches leaving the window are subtracted — instead of re-reduced.
   */
  inverse?: (acc: V, leaving: V) => V;
  /** With `inverse`: keys whose value returns to the neutral value are dropped (default `v === 0`, Spark's `filterFunc`). */
  isNeutral?: (v: V) => boolean;
}

/**
 * Spark Streaming's `reduceByKeyAndWindow(func, [invFunc], windowLength, slideInterval)` over
 * processing-time micro-batches, one instance per task (input partition).
 *
 * Each batch's per-key reduction is kept as a slice (store `<name>-slices`, key = batch time) until
 * it leaves the window. At batch times that are multiples of `slideMs` the operator returns the
 * reduction of the batches in (t − lengthMs, t]; at other times it returns undefined.
 * Without `inverse` the slices are reduced at each slide; with it a running window aggregate
 * (store `<name>-window`) is updated every batch and neutral keys are removed.
 *
 * @example reduceByKeyAndWindow(sum, 30 s, 10 s) with a 1 s batch interval: counts of the last 30 s, every 10 s.
 * @throws Error at construction when length or slide is not a multiple of the batch interval
 */
export class ReduceByKeyAndWindow<V> {
  readonly slices: KeyValueStore<Record<string, V>>;
  readonly window: KeyValueStore<V> | undefined;
  private readonly isNeutral: (v: V) => boolean;

  constructor(private readonly o: ReduceByKeyAndWindowOptions<V>) {
    validateWindow(o);
    this.slices = new KeyValueStore(`${o.name}-slices`);
    this.window = o.inverse ? new KeyValueStore(`${o.name}-window`) : undefined;
    this.isNeutral = o.isNeutral ?? ((v) => (v as unknown) === 0);
  }

  /** The operator's state stores (persisted per task by the runtime). */
  get stores(): KeyValueStore<unknown>[] {
    return [this.slices, ...(this.window ? [this.window] : [])] as KeyValueStore<unknown>[];
  }

  /**
   * Adds one micro-batch of `[key, value]` pairs.
   * @param batchTimeMs the batch time (ms); batches must arrive in increasing time
   * @returns the window result (key → reduced value) at slide times, otherwise undefined
   */
  process(pairs: Iterable<readonly [string, V]>, batchTimeMs: number): Map<string, V> | undefined {
    const slice: Record<string, V> = {};
    for (const [k, v] of pairs) slice[k] = k in slice ? this.o.reduce(slice[k], v) : v;
    if (Object.keys(slice).length) this.slices.put(String(batchTimeMs), slice);
    if (this.window) this.applyIncrementally(slice);
    const horizon = batchTimeMs - this.o.lengthMs;
    for (const [t, old] of [...this.slices.entries()]) {
      if (Number(t) > horizon) continue;
      if (this.window) this.subtract(old);
      this.slices.delete(t);
    }
    if (!isSlideTime(this.o, batchTimeMs)) return undefined;
    if (this.window) return new Map(this.window.entries());
    const out = new Map<string, V>();
    const times = [...this.slices.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
    for (const [, s] of times) for (const [k, v] of Object.entries(s)) out.set(k, out.has(k) ? this.o.reduce(out.get(k)!, v) : v);
    return out;
  }

  private applyIncrementally(slice: Record<string, V>): void {
    for (const [k, v] of Object.entries(slice)) {
      const cur = this.window!.get(k);
      this.window!.put(k, cur === undefined ? v : this.o.reduce(cur, v));
    }
  }

  private subtract(old: Record<string, V>): void {
    for (const [k, v] of Object.entries(old)) {
      const cur = this.window!.get(k);
      if (cur === undefined) continue;
      const next = this.o.inverse!(cur, v);
      if (this.isNeutral(next)) this.window!.delete(k);
      else this.window!.put(k, next);
    }
  }
}
