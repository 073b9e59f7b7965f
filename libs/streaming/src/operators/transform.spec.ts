import { MicroBatchStream } from '../stream/micro-batch-stream';
import { transformStage } from './transform';

const source = <T>() => MicroBatchStream.source<T>({ batchIntervalMs: 1000 });

describe(transformStage.name, () => {
  describe('push', () => {
    it('sees the whole batch and its batch time', () => {
      const p = source<number>().transform((xs, t) => [{ t, total: xs.reduce((a, b) => a + b, 0) }]).build();
      expect(p.process([1, 2, 3], 5000).records).toEqual([{ t: 5000, total: 6 }]);
    });

    it('runs for empty batches too', () => {
      const p = source<number>().transform((xs) => [xs.length]).build();
      expect(p.process([], 0).records).toEqual([0]);
    });

    it('may return the batch itself (e.g. when nothing needs to change)', () => {
      const p = source<number>().transform((xs) => xs as number[]).build();
      expect(p.process([3, 1], 0).records).toEqual([3, 1]);
    });
  });
});
