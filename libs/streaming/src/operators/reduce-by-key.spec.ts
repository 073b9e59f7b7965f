import { MicroBatchStream } from '../stream/micro-batch-stream';
import { reduceByKeyStage, reducePairs } from './reduce-by-key';

const source = <T>() => MicroBatchStream.source<T>({ batchIntervalMs: 1000 });

describe(reduceByKeyStage.name, () => {
  describe('push', () => {
    it('reduces per key within the batch, keys in order of first appearance', () => {
      const p = source<[string, number]>().reduceByKey((a, b) => a + b).build();
      expect(p.process([['Web', 1], ['Store', 2], ['Web', 3]], 0).records).toEqual([['Web', 4], ['Store', 2]]);
    });

    it('carries nothing to the next batch', () => {
      const p = source<[string, number]>().reduceByKey((a, b) => a + b).build();
      p.process([['Web', 1]], 0);
      expect(p.process([['Web', 1]], 1000).records).toEqual([['Web', 1]]);
      expect(p.stores()).toEqual([]);
    });

    it('leaves a key seen once untouched (the function is not called)', () => {
      const fn = jest.fn((a: number, b: number) => a + b);
      source<[string, number]>().reduceByKey(fn).build().process([['solo', 7]], 0);
      expect(fn).not.toHaveBeenCalled();
    });
  });

  describe(reducePairs.name, () => {
    it('adds into an existing map', () => {
      expect([...reducePairs([['a', 1]], (x: number, y: number) => x + y, new Map([['a', 2]]))]).toEqual([['a', 3]]);
    });
  });
});
