import { KeyValueStore } from '../state/key-value-store';

/** A key's state and when it was last updated (ms). */
export interface TimedState<S> {
  state: S;
  updatedAt: number;
}

export interface UpdateStateByKeyOptions<V, S> {
  /** Stable operator name: its store is `<name>-state`. */
  name: string;
  /**
   * Spark's `updateFunc(newValues, runningState)`: returns the new state, or undefined to remove
   * the key. Called only for keys with new values in the batch.
   */
  update: (values: V[], state: S | undefined) => S | undefined;
  /**
   * Idle timeout (ms): a key not updated for longer than this is removed at the next batch.
   * A key idle for exactly `timeoutMs` is kept (it expires when idle time > timeout, as Spark's
   * `StateSpec.timeout` documents "idle for more than the timeout").
   */
  timeoutMs?: number;
}

/** What one batch did: the keys updated (with their new state) and the keys removed. */
export interface StateChanges<S> {
  updated: Map<string, S>;
  removed: string[];
}

/**
 * Spark Streaming's `updateStateByKey` with an idle timeout, one instance per task: per-key state
 * in the store `<name>-state` (persisted by the runtime), updated from each batch's values.
 */
export class UpdateStateByKey<V, S> {
  readonly store: KeyValueStore<TimedState<S>>;

  constructor(private readonly o: UpdateStateByKeyOptions<V, S>) {
    this.store = new KeyValueStore(`${o.name}-state`);
  }

  /**
   * @param pairs the batch's `[key, value]` pairs
   * @param batchTimeMs the batch time (ms), also the clock of the timeout
   */
  process(pairs: Iterable<readonly [string, V]>, batchTimeMs: number): StateChanges<S> {
    const grouped = new Map<string, V[]>();
    for (const [k, v] of pairs) {
      let list = grouped.get(k);
      if (!list) grouped.set(k, (list = []));
      list.push(v);
    }
    const updated = new Map<string, S>();
    const removed: string[] = [];
    for (const [k, values] of grouped) {
      const next = this.o.update(values, this.store.get(k)?.state);
      if (next === undefined) {
        if (this.store.has(k)) removed.push(k);
        this.store.delete(k);
      } else {
        this.store.put(k, { state: next, updatedAt: batchTimeMs });
        updated.set(k, next);
      }
    }
    if (this.o.timeoutMs !== undefined) {
      for (const [k, s] of [...this.store.entries()]) {
        if (batchTimeMs - s.updatedAt > this.o.timeoutMs) {
          this.store.delete(k);
          removed.push(k);
        }
      }
    }
    return { updated, removed };
  }
}
