import type { KeyValueStore } from '../state/key-value-store';
import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import type { StageFactory } from '../stream/stage';
import type { Pair } from './reduce-by-key';

/** Called once per batch for each key that has records in it. */
export type StateUpdateFn<K extends string, V, S> = (values: V[], state: S | undefined, ctx: { key: K; batchTimeMs: number }) => S | undefined;

/** Options of {@link updateStateByKeyStage}. */
export interface UpdateStateByKeyOptions {
  /** Stable operator name; the state lives in the store `<name>-state`. */
  name: string;
  /** Remove a key whose state was last updated more than this long ago (ms of batch time). Default: never. */
  timeoutMs?: number;
  /** `updates` (default): emit the keys updated or removed in the batch; `snapshot`: also every other live key (Spark's `updateStateByKey` output). */
  emit?: 'updates' | 'snapshot';
  /**
   * The state store. Default `<name>-state`, holding `{ s: state, t: lastUpdateMs }`.
   * `stateOnly: true` keeps the bare state (no update time, so neither `timeoutMs` nor `snapshot`;
   * `lastUpdateMs` is the batch time of the update): the layout of a store whose changelog predates
   * this operator — `word-counts-store` holds one number per word.
   */
  store?: { name: string; stateOnly?: boolean };
}

/** A key's state as emitted by {@link updateStateByKeyStage}. */
export interface KeyState<K extends string, S> {
  kind: 'state';
  key: K;
  state: S;
  /** Batch time (ms) of the state's last update. */
  lastUpdateMs: number;
  /** True when the state changed in this batch (always true in `updates` mode). */
  updated: boolean;
}

/** A removal marker: the key's state is gone, so writers can delete it. */
export interface KeyStateRemoved<K extends string, S> {
  kind: 'removed';
  key: K;
  /** `timeout`: idle longer than `timeoutMs`; `function`: the update function returned `undefined`. */
  reason: 'timeout' | 'function';
  lastState: S;
  lastUpdateMs: number;
}

interface Stored<S> {
  s: S;
  t: number;
}

type StoredView<S> = Pick<KeyValueStore<Stored<S>>, 'get' | 'put' | 'delete' | 'entries'>;

/** A store of bare states seen as `Stored` entries; the update time read back is 0 (never used: no timeout). */
function stateOnly<S>(store: KeyValueStore<S>): StoredView<S> {
  return {
    get: (key) => {
      const s = store.get(key);
      return s === undefined ? undefined : { s, t: 0 };
    },
    put: (key, value) => store.put(key, value.s),
    delete: (key) => store.delete(key),
    entries: function* () {
      for (const [k, s] of store.entries()) yield [k, { s, t: 0 }];
    },
  };
}

/**
 * `updateStateByKey`: per-key state carried across batches. For each key with records in a batch,
 * `fn(values, previousState, { key, batchTimeMs })` gives the new state; `undefined` removes the key.
 *
 * Semantics, after Spark's `updateStateByKey` and `mapWithState` (`StateSpec.timeout`):
 * - `fn` runs only for keys that have records in the batch (like `mapWithState`; Spark's
 *   `updateStateByKey` also calls it with no values for every other key). `values` are in input order.
 * - **Timeout.** A key idle for *more than* `timeoutMs` is removed: at batch time `t` a key last
 *   updated at `u` expires when `t - u > timeoutMs`; exactly at the limit (`t - u === timeoutMs`) it
 *   is kept. Source: Spark's `MapWithStateRDD` passes `batchTime - timeout` as threshold and its
 *   `StateMap.getByTime` returns states whose update time is strictly below it.
 * - Expiry happens **before** the batch's values are applied: a key idle beyond the timeout starts
 *   from no state even if it has records in this batch, and both the removal and the new state are
 *   emitted. (Spark applies values first, so its result depends on whether an empty batch happened
 *   to run during the idle period; expiring first makes the result independent of that.)
 * - Times are batch times (processing time, the injected clock), never event times.
 *
 * Output per batch: removals (`timeout` first, in store order, then `function`) and states of the
 * updated keys in order of first appearance; in `snapshot` mode also every other live key with
 * `updated: false`. State lives in `<name>-state` as `{ s: state, t: lastUpdateMs }` (JSON).
 *
 * @example
 * ```ts
 * readings.updateStateByKey((vs, s) => ({ max: Math.max(s?.max ?? -Infinity, ...vs) }), { name: 'max', timeoutMs: 60_000 });
 * ```
 * @throws PipelineDefinitionError (at definition) when `timeoutMs` is negative or not finite
 */
export function updateStateByKeyStage<K extends string, V, S>(
  fn: StateUpdateFn<K, V, S>,
  o: UpdateStateByKeyOptions,
): StageFactory<Pair<K, V>, KeyState<K, S> | KeyStateRemoved<K, S>> {
  if (o.timeoutMs !== undefined && !(Number.isFinite(o.timeoutMs) && o.timeoutMs >= 0)) {
    throw new PipelineDefinitionError(`operator "${o.name}": timeoutMs must be a finite number >= 0, got ${o.timeoutMs}`);
  }
  if (o.store?.stateOnly && (o.timeoutMs !== undefined || o.emit === 'snapshot')) {
    throw new PipelineDefinitionError(`operator "${o.name}": a stateOnly store keeps no update time, so it allows neither timeoutMs nor emit: 'snapshot'`);
  }
  return (stores) => {
    const name = o.store?.name ?? `${o.name}-state`;
    const store = o.store?.stateOnly ? stateOnly(stores.create<S>(name)) : stores.create<Stored<S>>(name);
    return {
      push(timeMs, records, emit) {
        const out: Array<KeyState<K, S> | KeyStateRemoved<K, S>> = [];
        if (o.timeoutMs !== undefined) {
          const expired: Array<[string, Stored<S>]> = [];
          for (const entry of store.entries()) if (timeMs - entry[1].t > o.timeoutMs) expired.push(entry);
          for (const [key, { s, t }] of expired) {
            store.delete(key);
            out.push({ kind: 'removed', key: key as K, reason: 'timeout', lastState: s, lastUpdateMs: t });
          }
        }
        const grouped = new Map<K, V[]>();
        for (const [k, v] of records) {
          const vs = grouped.get(k);
          if (vs) vs.push(v);
          else grouped.set(k, [v]);
        }
        const updated: Array<KeyState<K, S>> = [];
        for (const [key, values] of grouped) {
          const prev = store.get(key);
          const next = fn(values, prev?.s, { key, batchTimeMs: timeMs });
          if (next === undefined) {
            if (prev) out.push({ kind: 'removed', key, reason: 'function', lastState: prev.s, lastUpdateMs: prev.t });
            store.delete(key);
            continue;
          }
          const t = Math.max(timeMs, prev?.t ?? timeMs);
          store.put(key, { s: next, t });
          updated.push({ kind: 'state', key, state: next, lastUpdateMs: t, updated: true });
        }
        out.push(...updated);
        if (o.emit === 'snapshot') {
          for (const [key, { s, t }] of store.entries()) {
            if (!grouped.has(key as K)) out.push({ kind: 'state', key: key as K, state: s, lastUpdateMs: t, updated: false });
          }
        }
        emit(timeMs, out);
      },
    };
  };
}
