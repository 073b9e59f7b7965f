import { MicroBatchStream } from '../stream/micro-batch-stream';
import { mapStage } from './map';

const source = <T>() => MicroBatchStream.source<T>({ batchIntervalMs: 1000 });

describe(mapStage.name, () => {
  describe('push', () => {
    it('maps each record and keeps the order', () => {
      expect(source<string>().map((s) => s.length).build().process(['ab', 'c'], 0).records).toEqual([2, 1]);
    });

    it('passes an empty batch on as an empty batch', () => {
      const r = source<string>().map((s) => s.length).build().process([], 0);
      expect(r.outputs).toEqual([{ timeMs: 0, records: [] }]);
    });

    it('keeps nothing between batches', () => {
      const p = source<number>().map((n) => n + 1).build();
      p.process([1], 0);
      expect(p.process([1], 1000).records).toEqual([2]);
      expect(p.stores()).toEqual([]);
    });
  });
});
