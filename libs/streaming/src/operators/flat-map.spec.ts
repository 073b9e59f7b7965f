import { MicroBatchStream } from '../stream/micro-batch-stream';
import { flatMapStage } from './flat-map';

const source = <T>() => MicroBatchStream.source<T>({ batchIntervalMs: 1000 });

describe(flatMapStage.name, () => {
  describe('push', () => {
    it('replaces each record by zero or more records', () => {
      const p = source<string>().flatMap((l) => l.split(' ').filter(Boolean)).build();
      expect(p.process(['a b', '', 'c'], 0).records).toEqual(['a', 'b', 'c']);
      expect(p.process([''], 0).records).toEqual([]);
    });

    it('accepts any iterable, generators included', () => {
      const p = source<number>()
        .flatMap(function* (n) {
          for (let i = 0; i < n; i++) yield i;
        })
        .build();
      expect(p.process([2, 0, 1], 0).records).toEqual([0, 1, 0]);
    });
  });
});
