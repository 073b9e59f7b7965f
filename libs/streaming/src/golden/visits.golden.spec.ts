import { reduceByKeyAndWindowStage } from '../operators/reduce-by-key-and-window';
import { BatchWindows } from '../operators/window-spec';
import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineTestDriver } from '../testing/pipeline-test-driver';

/**
 * The seed's visits example (document 001): `queueStream` of three batches, one per second,
 * `reduceByKeyAndWindow(lambda x, y: x + y, 3)` and the same with slide 2.
 *
 * Expected values come from the definition — the window at batch time t sums the batches with
 * times in (t - 3 s, t], computed only at multiples of the slide — not from the slides' printouts
 * (they show, e.g., Store 4 / social_media 4 / Web 7 where the definition gives b1+b2+b3).
 * Batches run at 1 s, 2 s, 3 s (Spark: the first batch one interval after the zero time), then
 * empty batches at 4..7 s let the window drain.
 *
 * Per-batch sums: b1 = Web 4, Store 4, social_media 1; b2 = Web 5, Store 3, social_media 3;
 * b3 = Web 2, Store 1, social_media 1.
 */
type Visit = [string, number];
const batches: Visit[][] = [
  [['Web', 1], ['Web', 3], ['Store', 2], ['social_media', 1], ['Store', 2]],
  [['Store', 1], ['Web', 3], ['Store', 2], ['Web', 2], ['social_media', 3]],
  [['Web', 2], ['Store', 1], ['social_media', 1]],
  [],
  [],
  [],
  [],
];

// time (ms) | batches in (t - 3 s, t] | Web | Store | social_media
const slide1: Array<[number, string, number, number, number]> = [
  [1000, 'b1', 4, 4, 1],
  [2000, 'b1+b2', 9, 7, 4],
  [3000, 'b1+b2+b3', 11, 8, 5],
  [4000, 'b2+b3', 7, 4, 4],
  [5000, 'b3', 2, 1, 1],
  // 6000, 7000: empty windows, nothing emitted
];
const slide2: Array<[number, string, number, number, number]> = [
  [2000, 'b1+b2', 9, 7, 4],
  [4000, 'b2+b3', 7, 4, 4],
  // 6000: (3 s, 6 s] holds no batch, nothing emitted
];

const sum = (a: number, b: number) => a + b;
const minus = (a: number, b: number) => a - b;

function run(slideMs: number, inverse?: typeof minus, isNeutral?: (v: number) => boolean) {
  const stream = MicroBatchStream.source<Visit>({ batchIntervalMs: 1000 }).reduceByKeyAndWindow(sum, BatchWindows.sliding(3000, slideMs), { name: 'visits', inverse, isNeutral });
  const driver = new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
  return driver.queueStream(batches).flatMap((r) => r.outputs.map((o) => [o.timeMs, Object.fromEntries(o.records)] as const));
}
const table = (rows: typeof slide1) => rows.map(([t, , Web, Store, social_media]) => [t, { Web, Store, social_media }] as const);

describe(reduceByKeyAndWindowStage.name, () => {
  describe('golden: the seed visits example, window of 3 batches', () => {
    it.each([
      ['without inverse', undefined],
      ['with inverse', minus],
    ])('gives the derived table at slide 1 (%s)', (_, inverse) => {
      expect(run(1000, inverse)).toEqual(table(slide1));
    });

    it.each([
      ['without inverse', undefined],
      ['with inverse', minus],
    ])('gives the derived table at slide 2, only at multiples of 2 s (%s)', (_, inverse) => {
      const out = run(2000, inverse);
      expect(out).toEqual(table(slide2));
      expect(out.map(([t]) => t)).not.toContain(3000);
    });

    it('agrees with and without inverse except for keys kept at zero when isNeutral never holds', () => {
      const spark = run(1000, minus, () => false);
      expect(spark.slice(0, slide1.length)).toEqual(table(slide1));
      expect(spark.slice(slide1.length)).toEqual([
        [6000, { Web: 0, Store: 0, social_media: 0 }],
        [7000, { Web: 0, Store: 0, social_media: 0 }],
      ]);
      expect(run(1000)).toHaveLength(slide1.length);
    });

    it('gives the same table when the task restarts between every batch', () => {
      const stream = MicroBatchStream.source<Visit>({ batchIntervalMs: 1000 }).reduceByKeyAndWindow(sum, BatchWindows.sliding(3000, 1000), { name: 'visits', inverse: minus });
      const driver = new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
      const out = batches.flatMap((b) => {
        const r = driver.runBatch(b);
        driver.restart();
        return r.outputs.map((o) => [o.timeMs, Object.fromEntries(o.records)] as const);
      });
      expect(out).toEqual(table(slide1));
    });
  });
});
