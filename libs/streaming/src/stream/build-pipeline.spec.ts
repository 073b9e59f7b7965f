import { buildPipeline } from './build-pipeline';
import { batchStage, StageFactory } from './stage';

const double: StageFactory<unknown, unknown> = () => batchStage((xs) => xs.map((x) => (x as number) * 2));
const counter: StageFactory<unknown, unknown> = (stores) => {
  const s = stores.create<number>('c-state');
  return batchStage((xs) => {
    s.put('n', (s.get('n') ?? 0) + xs.length);
    return [s.get('n')];
  });
};

describe(buildPipeline.name, () => {
  describe('process', () => {
    it('aligns the batch time down to the batch interval', () => {
      const p = buildPipeline<number, number, never>([double], 1000);
      expect(p.process([1], 2999).batchTimeMs).toBe(2000);
      expect(p.process([1], 3000).batchTimeMs).toBe(3000);
    });

    it('pushes the records through every stage in order', () => {
      const p = buildPipeline<number, number, never>([double, double], 1000);
      expect(p.process([1, 2], 0)).toEqual({ batchTimeMs: 0, outputs: [{ timeMs: 0, records: [4, 8] }], records: [4, 8], late: [], lateDropped: 0, watermarks: {} });
    });

    it('rejects a batch time that is not a finite number', () => {
      const p = buildPipeline<number, number, never>([double], 1000);
      expect(() => p.process([1], NaN)).toThrow(RangeError);
      expect(() => p.process([1], Infinity)).toThrow('batch time must be a finite number of ms');
    });
  });

  describe('stores', () => {
    it('gives each instance its own stores', () => {
      const a = buildPipeline<number, number, never>([counter], 1000);
      const b = buildPipeline<number, number, never>([counter], 1000);
      a.process([1, 2], 0);
      expect(a.stores()[0].get('n')).toBe(2);
      expect(b.stores()[0].get('n')).toBeUndefined();
    });

    it('is empty for a stateless pipeline', () => {
      expect(buildPipeline([double], 1000).stores()).toEqual([]);
    });
  });
});
