import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { PipelineTestDriver } from '../testing/pipeline-test-driver';
import { reduceByKeyAndWindowStage } from './reduce-by-key-and-window';
import { BatchWindows } from './window-spec';

type Pair = [string, number];
const sum = (a: number, b: number) => a + b;
const minus = (a: number, b: number) => a - b;

function driver(windows: BatchWindows, inverse?: typeof minus, isNeutral?: (v: number) => boolean) {
  const stream = MicroBatchStream.source<Pair>({ batchIntervalMs: 1000 }).reduceByKeyAndWindow(sum, windows, { name: 'w', inverse, isNeutral });
  return new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
}
/** Each batch's output as `{ time: { key: value } }` (sorted keys), for readable expectations. */
const windowsOf = (results: Array<{ outputs: Array<{ timeMs: number; records: Pair[] }> }>) =>
  results.flatMap((r) => r.outputs.map((o) => [o.timeMs, Object.fromEntries([...o.records].sort())] as const));

const modes: Array<[string, typeof minus | undefined]> = [
  ['without inverse', undefined],
  ['with inverse', minus],
];

describe(reduceByKeyAndWindowStage.name, () => {
  describe('push', () => {
    it.each(modes)('emits nothing for empty batches and keeps no slice for them (%s)', (_, inverse) => {
      const d = driver(BatchWindows.sliding(2000, 1000), inverse);
      expect(d.runEmpty(3).map((r) => r.records)).toEqual([[], [], []]);
      expect(d.changelog.entries('w-slices')).toEqual([]);
      expect(d.current.stores().find((s) => s.name === 'w-slices')?.size).toBe(0);
    });

    it.each(modes)('leaves its state untouched while idle and empty (%s)', (_, inverse) => {
      const d = driver(BatchWindows.sliding(2000, 1000), inverse);
      windowsOf([d.runBatch([['k', 1]]), ...d.runEmpty(2)]);
      const meta = d.changelog.entries('w-meta');
      expect(windowsOf(d.runEmpty(5))).toEqual([]);
      expect(d.changelog.entries('w-meta')).toEqual(meta);
      d.restart();
      expect(windowsOf([d.runBatch([['k', 2]]), ...d.runEmpty(1)])).toEqual([
        [9000, { k: 2 }],
        [10000, { k: 2 }],
      ]);
    });

    it.each(modes)('counts a key seen once only while its batch is in the window (%s)', (_, inverse) => {
      const d = driver(BatchWindows.sliding(2000, 1000), inverse);
      const out = windowsOf([d.runBatch([['solo', 1]]), ...d.runEmpty(3)]);
      expect(out).toEqual([
        [1000, { solo: 1 }],
        [2000, { solo: 1 }],
      ]);
      expect(out.some(([t]) => t === 3000)).toBe(false);
    });

    it.each(modes)('includes the batch at the window end and excludes the batch at end - length (%s)', (_, inverse) => {
      const d = driver(BatchWindows.sliding(3000, 1000), inverse);
      d.runBatch([['a', 1]]); // t = 1000
      d.runEmpty(2); // 2000, 3000
      const at4000 = d.runBatch([['b', 1]]); // window (1000, 4000]: the batch at 1000 = end - length is out
      expect(Object.fromEntries(at4000.records)).toEqual({ b: 1 });
      expect(Object.fromEntries(at4000.records)).not.toHaveProperty('a');
    });

    it('drops a key whose windowed value becomes 0 with the inverse, keeps it without', () => {
      const batches: Pair[][] = [[['a', 1], ['b', 1]], [['a', -1]]];
      const plain = windowsOf(driver(BatchWindows.sliding(3000, 1000)).queueStream(batches));
      const inc = windowsOf(driver(BatchWindows.sliding(3000, 1000), minus).queueStream(batches));
      expect(plain[1]).toEqual([2000, { a: 0, b: 1 }]);
      expect(inc[1]).toEqual([2000, { b: 1 }]);
    });

    it("keeps keys at 0 with the inverse when isNeutral never holds (Spark's default filterFunc)", () => {
      const d = driver(BatchWindows.sliding(2000, 1000), minus, () => false);
      const out = windowsOf(d.queueStream([[['a', 1]], [], [], []]));
      expect(out).toEqual([
        [1000, { a: 1 }],
        [2000, { a: 1 }],
        [3000, { a: 0 }],
        [4000, { a: 0 }],
      ]);
    });

    it('re-emits a window with updated absolute values when a second batch arrives for its slide point', () => {
      const d = driver(BatchWindows.sliding(2000, 1000), minus);
      const first = d.current.process([['a', 1]], 1000);
      const second = d.current.process([['a', 2], ['b', 1]], 1000);
      expect(windowsOf([first])).toEqual([[1000, { a: 1 }]]);
      expect(windowsOf([second])).toEqual([[1000, { a: 3, b: 1 }]]);
    });

    it('folds a batch time earlier than one already seen into the latest slot', () => {
      const d = driver(BatchWindows.sliding(2000, 1000), minus);
      d.current.process([['a', 1]], 2000);
      const late = d.current.process([['a', 5]], 1000);
      expect(windowsOf([late])).toEqual([[2000, { a: 6 }]]);
    });

    it.each(modes)('catches up after a gap: every missed slide point whose window holds a batch (%s)', (_, inverse) => {
      const d = driver(BatchWindows.sliding(3000, 1000), inverse);
      d.current.process([['a', 1]], 1000);
      const after = d.current.process([['b', 1]], 10_000);
      expect(windowsOf([after])).toEqual([
        [2000, { a: 1 }],
        [3000, { a: 1 }],
        [10_000, { b: 1 }],
      ]);
    });

    it.each(modes)('continues identically after a restart in the middle of a window (%s)', (_, inverse) => {
      const batches: Pair[][] = [[['x', 1]], [['x', 2], ['y', 1]], [['y', 4]], [], []];
      const straight = windowsOf(driver(BatchWindows.sliding(3000, 1000), inverse).queueStream(batches));
      const d = driver(BatchWindows.sliding(3000, 1000), inverse);
      const before = d.queueStream(batches.slice(0, 2));
      d.restart();
      const after = d.queueStream(batches.slice(2));
      expect(windowsOf([...before, ...after])).toEqual(straight);
      expect(d.instances).toBe(2);
    });
  });

  describe('stores', () => {
    it('names its stores from the operator name', () => {
      const inc = MicroBatchStream.source<Pair>({ batchIntervalMs: 1000 }).reduceByKeyAndWindow(sum, BatchWindows.tumbling(2000), { name: 'visits', inverse: minus });
      const plain = MicroBatchStream.source<Pair>({ batchIntervalMs: 1000 }).reduceByKeyAndWindow(sum, BatchWindows.tumbling(2000), { name: 'visits' });
      expect(inc.storeNames()).toEqual(['visits-slices', 'visits-window', 'visits-meta']);
      expect(plain.storeNames()).toEqual(['visits-slices', 'visits-meta']);
    });

    it('keeps one changelog record per key and batch slice, and drops slices that left every window', () => {
      const d = driver(BatchWindows.sliding(2000, 1000), minus);
      d.queueStream([[['a', 1], ['b', 1]], [['a', 1]]]);
      expect(d.changelog.entries('w-slices').map(([k]) => k).sort()).toEqual(['1000|a', '1000|b', '2000|a']);
      d.runEmpty(1);
      expect(d.changelog.entries('w-slices').map(([k]) => k)).toEqual(['2000|a']);
    });
  });

  describe('definition', () => {
    it('fails when the length is not a multiple of the batch interval, naming length, slide and interval', () => {
      const source = MicroBatchStream.source<Pair>({ batchIntervalMs: 1000 });
      expect(() => source.reduceByKeyAndWindow(sum, BatchWindows.sliding(2500, 1000), { name: 'x' })).toThrow(PipelineDefinitionError);
      expect(() => source.reduceByKeyAndWindow(sum, BatchWindows.sliding(2500, 1000), { name: 'x' })).toThrow(
        'operator "x": window length 2500 ms and slide 1000 ms must both be positive multiples of the parent stream\'s slide duration (1000 ms; the batch interval for a source stream); 2500 ms is not',
      );
    });

    it('fails when the slide is not a multiple of the batch interval, and accepts multiples', () => {
      const source = MicroBatchStream.source<Pair>({ batchIntervalMs: 1000 });
      expect(() => source.reduceByKeyAndWindow(sum, BatchWindows.sliding(3000, 1500), { name: 'x' })).toThrow('1500 ms is not');
      expect(() => source.reduceByKeyAndWindow(sum, BatchWindows.sliding(3000, 2000), { name: 'x' })).not.toThrow();
    });
  });
});
