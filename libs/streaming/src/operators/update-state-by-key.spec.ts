import { UpdateStateByKey } from './update-state-by-key';

interface Extremes {
  min: number;
  max: number;
}
// The seed's temperature example: running min and max per city.
const extremes = (values: Array<[number, number]>, state: Extremes | undefined): Extremes => ({
  min: Math.min(state?.min ?? Infinity, ...values.map((v) => v[0])),
  max: Math.max(state?.max ?? -Infinity, ...values.map((v) => v[1])),
});

describe(UpdateStateByKey.name, () => {
  describe('process', () => {
    it('keeps running min and max temperatures per city', () => {
      const op = new UpdateStateByKey<[number, number], Extremes>({ name: 'temps', update: extremes });
      op.process([['Madrid', [10, 20]], ['Paris', [5, 12]]], 1000);
      const r = op.process([['Madrid', [8, 18]], ['Madrid', [12, 25]]], 2000);
      expect(Object.fromEntries(r.updated)).toEqual({ Madrid: { min: 8, max: 25 } });
      expect(op.store.get('Paris')?.state).toEqual({ min: 5, max: 12 });
    });

    it('removes a key when the update function returns undefined', () => {
      const op = new UpdateStateByKey<number, number>({ name: 'n', update: (vs, s) => ((s ?? 0) + vs.reduce((a, b) => a + b, 0) === 0 ? undefined : (s ?? 0) + vs.reduce((a, b) => a + b, 0)) });
      op.process([['a', 2]], 1000);
      expect(op.process([['a', -2]], 2000).removed).toEqual(['a']);
      expect(op.store.has('a')).toBe(false);
    });

    it('keeps a key idle for exactly the timeout and removes it once idle longer', () => {
      const op = new UpdateStateByKey<[number, number], Extremes>({ name: 'temps', update: extremes, timeoutMs: 3000 });
      op.process([['Lima', [15, 22]]], 1000);
      expect(op.process([], 4000).removed).toEqual([]);
      expect(op.store.has('Lima')).toBe(true);
      expect(op.process([], 5000).removed).toEqual(['Lima']);
      expect(op.store.has('Lima')).toBe(false);
    });

    it('resets the idle clock when a key is updated', () => {
      const op = new UpdateStateByKey<[number, number], Extremes>({ name: 'temps', update: extremes, timeoutMs: 3000 });
      op.process([['Oslo', [-5, 1]]], 1000);
      op.process([['Oslo', [-7, 0]]], 3000);
      expect(op.process([], 6000).removed).toEqual([]);
      expect(op.process([], 6001).removed).toEqual(['Oslo']);
    });

    it('does nothing on an empty batch without a timeout', () => {
      const op = new UpdateStateByKey<number, number>({ name: 'n', update: (vs, s) => (s ?? 0) + vs.length });
      expect(op.process([], 1000)).toEqual({ updated: new Map(), removed: [] });
    });
  });
});
