import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { PipelineTestDriver } from '../testing/pipeline-test-driver';
import { KeyState, KeyStateRemoved, StateUpdateFn, updateStateByKeyStage, UpdateStateByKeyOptions } from './update-state-by-key';

interface Extremes {
  min: number;
  max: number;
}
type Reading = [string, [number, number]];
type Change = KeyState<string, Extremes> | KeyStateRemoved<string, Extremes>;
// Running min and max per city, as in the seed's temperature example.
const extremes: StateUpdateFn<string, [number, number], Extremes> = (values, state) => ({
  min: Math.min(state?.min ?? Infinity, ...values.map((v) => v[0])),
  max: Math.max(state?.max ?? -Infinity, ...values.map((v) => v[1])),
});

function driver<V = [number, number], S = Extremes>(o: Partial<UpdateStateByKeyOptions> = {}, fn: StateUpdateFn<string, V, S> = extremes as never) {
  const stream = MicroBatchStream.source<[string, V]>({ batchIntervalMs: 1000 }).updateStateByKey(fn, { name: 'temps', ...o });
  return new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
}
const removedKeys = (changes: Change[]) => changes.filter((c) => c.kind === 'removed').map((c) => c.key);

describe(updateStateByKeyStage.name, () => {
  describe('push', () => {
    it('keeps running min and max temperatures per city and emits the updated keys only', () => {
      const d = driver();
      d.runBatch([['Madrid', [10, 20]], ['Paris', [5, 12]]] as Reading[]);
      const r = d.runBatch([['Madrid', [8, 18]], ['Madrid', [12, 25]]] as Reading[]);
      expect(r.records).toEqual([{ kind: 'state', key: 'Madrid', state: { min: 8, max: 25 }, lastUpdateMs: 2000, updated: true }]);
      expect(r.records.map((c) => c.key)).not.toContain('Paris');
    });

    it('removes a key when the update function returns undefined, with a removal marker', () => {
      const total: StateUpdateFn<string, number, number> = (vs, s) => {
        const next = (s ?? 0) + vs.reduce((a, b) => a + b, 0);
        return next === 0 ? undefined : next;
      };
      const d = driver<number, number>({}, total);
      d.runBatch([['a', 2]]);
      const r = d.runBatch([['a', -2]]);
      expect(r.records).toEqual([{ kind: 'removed', key: 'a', reason: 'function', lastState: 2, lastUpdateMs: 1000 }]);
      expect(d.current.stores()[0].has('a')).toBe(false);
    });

    it('keeps a key idle for exactly the timeout and removes it once idle longer', () => {
      const d = driver({ timeoutMs: 3000 });
      d.runBatch([['Lima', [15, 22]]]); // t = 1000
      const atLimit = d.runEmpty(3)[2]; // t = 4000: idle 3000 = timeout
      expect(removedKeys(atLimit.records)).toEqual([]);
      expect(d.current.stores()[0].has('Lima')).toBe(true);
      const beyond = d.runBatch([]); // t = 5000: idle 4000 > timeout
      expect(beyond.records).toEqual([{ kind: 'removed', key: 'Lima', reason: 'timeout', lastState: { min: 15, max: 22 }, lastUpdateMs: 1000 }]);
      expect(d.current.stores()[0].has('Lima')).toBe(false);
    });

    it('resets the idle clock when a key is updated', () => {
      const d = driver({ timeoutMs: 3000 });
      d.runBatch([['Oslo', [-5, 1]]]); // 1000
      d.runBatch([]); // 2000
      d.runBatch([['Oslo', [-7, 0]]]); // 3000
      expect(removedKeys(d.runEmpty(3).flatMap((r) => r.records))).toEqual([]); // 4000..6000: idle <= 3000
      expect(removedKeys(d.runBatch([]).records)).toEqual(['Oslo']); // 7000: idle 4000
    });

    it('expires an idle key before applying new values, so it starts afresh', () => {
      const d = driver({ timeoutMs: 1000 });
      d.runBatch([['Rome', [10, 30]]]); // 1000
      d.clock.advance(5000); // no batch ran during the idle period
      const r = d.runBatch([['Rome', [20, 21]]]);
      expect(r.records).toEqual([
        { kind: 'removed', key: 'Rome', reason: 'timeout', lastState: { min: 10, max: 30 }, lastUpdateMs: 1000 },
        { kind: 'state', key: 'Rome', state: { min: 20, max: 21 }, lastUpdateMs: 7000, updated: true },
      ]);
    });

    it('emits every live key in snapshot mode, marking the untouched ones', () => {
      const d = driver({ emit: 'snapshot' });
      d.runBatch([['a', [1, 2]], ['b', [3, 4]]]);
      const r = d.runBatch([['b', [0, 9]]]);
      expect(r.records.map((c) => c.kind === 'state' && [c.key, c.updated])).toEqual([
        ['b', true],
        ['a', false],
      ]);
    });

    it('does nothing on an empty batch without a timeout', () => {
      const d = driver();
      expect(d.runBatch([]).records).toEqual([]);
      expect(d.changelog.entries('temps-state')).toEqual([]);
    });

    it('continues from the restored state after a restart, timeouts included', () => {
      const d = driver({ timeoutMs: 1500 });
      d.runBatch([['Kyiv', [1, 5]]]); // 1000
      d.restart();
      expect(d.runBatch([['Kyiv', [-2, 3]]]).records).toEqual([{ kind: 'state', key: 'Kyiv', state: { min: -2, max: 5 }, lastUpdateMs: 2000, updated: true }]);
      d.restart();
      expect(removedKeys(d.runEmpty(2).flatMap((r) => r.records))).toEqual(['Kyiv']); // 4000: idle 2000 > 1500
    });
  });

  describe('definition', () => {
    it('rejects a negative timeout and accepts zero', () => {
      expect(() => updateStateByKeyStage(extremes, { name: 't', timeoutMs: -1 })).toThrow(PipelineDefinitionError);
      expect(() => updateStateByKeyStage(extremes, { name: 't', timeoutMs: 0 })).not.toThrow();
    });
  });

  describe('store', () => {
    const sum: StateUpdateFn<string, number, number> = (ns, total) => ns.reduce((a, b) => a + b, total ?? 0);

    it('keeps the bare state under the given store name with stateOnly, and continues from it after a restart', () => {
      const d = driver<number, number>({ store: { name: 'totals-store', stateOnly: true } }, sum);
      d.runBatch([['la', 2], ['la', 1]]);
      expect(d.changelog.entries('totals-store')).toEqual([['la', 3]]);
      d.restart();
      expect(d.runBatch([['la', 4]]).records).toEqual([{ kind: 'state', key: 'la', state: 7, lastUpdateMs: 2000, updated: true }]);
      expect(d.changelog.entries('temps-state')).toEqual([]);
    });

    it('keeps { s, t } under <name>-state by default', () => {
      const d = driver<number, number>({}, sum);
      d.runBatch([['la', 2]]);
      expect(d.changelog.entries('temps-state')).toEqual([['la', { s: 2, t: 1000 }]]);
    });

    it('refuses a stateOnly store with a timeout or snapshot output, which need the update time', () => {
      expect(() => updateStateByKeyStage(sum, { name: 'x', store: { name: 'x-store', stateOnly: true }, timeoutMs: 10 })).toThrow(PipelineDefinitionError);
      expect(() => updateStateByKeyStage(sum, { name: 'x', store: { name: 'x-store', stateOnly: true }, emit: 'snapshot' })).toThrow('neither timeoutMs');
    });
  });
});
