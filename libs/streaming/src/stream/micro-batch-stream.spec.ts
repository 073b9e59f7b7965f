import { BatchWindows } from '../operators/window-spec';
import { EventTimeWindows } from '../operators/event-time-windows';
import { MicroBatchStream } from './micro-batch-stream';
import { PipelineDefinitionError } from './pipeline-definition-error';

const sum = (a: number, b: number) => a + b;

describe(MicroBatchStream.name, () => {
  describe('source', () => {
    it('rejects a batch interval that is not a positive integer', () => {
      expect(() => MicroBatchStream.source({ batchIntervalMs: 0 })).toThrow(PipelineDefinitionError);
      expect(() => MicroBatchStream.source({ batchIntervalMs: 1.5 })).toThrow('batch interval must be a positive integer of ms, got 1.5');
      expect(MicroBatchStream.source({ batchIntervalMs: 250 }).slideMs).toBe(250);
    });
  });

  describe('mapToPair', () => {
    it('makes pairs that key-based operators accept', () => {
      const p = MicroBatchStream.source<string>({ batchIntervalMs: 1000 })
        .mapToPair((w) => [w, 1])
        .reduceByKey(sum)
        .build();
      expect(p.process(['a', 'b', 'a'], 0).records).toEqual([['a', 2], ['b', 1]]);
    });
  });

  describe('type narrowing', () => {
    it('offers key-based operators only on pair streams (checked by tsc)', () => {
      const words = MicroBatchStream.source<string>({ batchIntervalMs: 1000 });
      // @ts-expect-error reduceByKey needs a stream of [key, value] pairs
      expect(() => words.reduceByKey(sum)).toBeDefined();
      // @ts-expect-error updateStateByKey needs a stream of [key, value] pairs
      expect(() => words.updateStateByKey(() => 1, { name: 'x' })).toBeDefined();
      const pairs = words.mapToPair((w) => [w, 1]);
      expect(pairs.reduceByKeyAndWindow(sum, BatchWindows.tumbling(2000), { name: 'ok' })).toBeInstanceOf(MicroBatchStream);
    });

    it('narrows the element type through a type-guard filter', () => {
      const mixed = MicroBatchStream.source<string | number>({ batchIntervalMs: 1000 });
      const numbers: MicroBatchStream<string | number, number> = mixed.filter((x): x is number => typeof x === 'number');
      expect(numbers.build().process(['a', 1, 2], 0).records).toEqual([1, 2]);
    });
  });

  describe('window', () => {
    it("sets the stream's slide to the window slide, so a window of it is checked against that", () => {
      const windowed = MicroBatchStream.source<number>({ batchIntervalMs: 1000 }).window(BatchWindows.sliding(4000, 2000), 'w1');
      expect(windowed.slideMs).toBe(2000);
      expect(() => windowed.window(BatchWindows.sliding(3000, 3000), 'w2')).toThrow('(2000 ms;');
      expect(() => windowed.window(BatchWindows.sliding(4000, 4000), 'w2')).not.toThrow();
    });
  });

  describe('through', () => {
    it('refuses an operator name used twice in one pipeline', () => {
      const s = MicroBatchStream.source<[string, number]>({ batchIntervalMs: 1000 }).reduceByKeyAndWindow(sum, BatchWindows.tumbling(1000), { name: 'dup' });
      expect(() => s.reduceByKeyAndWindow(sum, BatchWindows.tumbling(1000), { name: 'dup' })).toThrow('operator name "dup" is used twice in the pipeline');
    });

    it('refuses an operator name that is not stable', () => {
      const s = MicroBatchStream.source<{ k: string; t: number }>({ batchIntervalMs: 1000 });
      const windowed = s.windowedByEventTime(EventTimeWindows.ofSizeWithNoLateness(1000), { keyOf: (e) => e.k, timeOf: (e) => e.t });
      expect(() => windowed.count({ name: 'has space' })).toThrow(PipelineDefinitionError);
    });
  });

  describe('build', () => {
    it('builds independent instances from one immutable definition', () => {
      const def = MicroBatchStream.source<[string, number]>({ batchIntervalMs: 1000 }).updateStateByKey<string, number, number>((vs, s) => (s ?? 0) + vs.length, { name: 'n' });
      const a = def.build();
      a.process([['x', 1]], 0);
      expect(def.build().process([['x', 1]], 0).records).toEqual([{ kind: 'state', key: 'x', state: 1, lastUpdateMs: 0, updated: true }]);
    });
  });

  describe('storeNames', () => {
    it('lists every store of the pipeline in order, named from the operators', () => {
      const def = MicroBatchStream.source<[string, number]>({ batchIntervalMs: 1000 })
        .reduceByKeyAndWindow(sum, BatchWindows.tumbling(1000), { name: 'a' })
        .updateStateByKey<string, number, number>((vs) => vs[0], { name: 'b' });
      expect(def.storeNames()).toEqual(['a-slices', 'a-meta', 'b-state']);
    });
  });
});
