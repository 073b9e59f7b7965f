import { MicroBatchStream } from '../stream/micro-batch-stream';
import { filterStage } from './filter';

const source = <T>() => MicroBatchStream.source<T>({ batchIntervalMs: 1000 });

describe(filterStage.name, () => {
  describe('push', () => {
    it('keeps matching records and drops the others', () => {
      const p = source<string>().filter((w) => w.startsWith('#')).build();
      expect(p.process(['#a', 'b', '#c'], 0).records).toEqual(['#a', '#c']);
      expect(p.process(['b'], 0).records).toEqual([]);
    });

    it('narrows the type with a type guard and passes an empty batch on', () => {
      const p = source<string | number>().filter((x): x is number => typeof x === 'number').build();
      const out: number[] = p.process(['a', 1], 0).records;
      expect(out).toEqual([1]);
      expect(p.process([], 0).outputs).toEqual([{ timeMs: 0, records: [] }]);
    });
  });
});
