import { MicroBatchStream } from '../stream/micro-batch-stream';
import { countByKeyStage } from './count-by-key';

const source = <T>() => MicroBatchStream.source<T>({ batchIntervalMs: 1000 });

describe(countByKeyStage.name, () => {
  describe('push', () => {
    it('counts records per key and ignores values', () => {
      const p = source<[string, string]>().countByKey().build();
      expect(p.process([['Web', 'x'], ['Store', 'y'], ['Web', 'z']], 0).records).toEqual([['Web', 2], ['Store', 1]]);
      expect(p.process([], 0).records).toEqual([]);
    });

    it('counts a key seen once as 1 and carries nothing to the next batch', () => {
      const p = source<[string, number]>().countByKey().build();
      expect(p.process([['solo', 9]], 0).records).toEqual([['solo', 1]]);
      expect(p.process([['solo', 9]], 1000).records).not.toEqual([['solo', 2]]);
    });
  });
});
