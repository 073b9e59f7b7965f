import type { SensorReading } from '@sluice/contracts';
import { sensorExtremesJob } from './sensor-extremes.pipeline';
import { MicroBatchStream, PipelineTestDriver } from '@sluice/streaming';

/**
 * The seed's temperature example (document 001): running min and max per city with
 * `updateStateByKey`, three batches of `(date, min, max)` readings.
 *
 * The tuples are read as (date, min, max) (the slide's function mixes the two fields up; its
 * printouts are illustrations). Expected values are derived from the definition: min and max over
 * every reading since the state began, time = the latest date seen.
 */
const seed: Array<Array<[string, Array<[number, number, number]>]>> = [
  [
    ['Madrid', [[20210801, 10, 35], [20210831, 20, 25]]],
    ['Moscow', [[20210801, -1, 24], [20210831, 20, 30]]],
  ],
  [
    ['Madrid', [[20210930, 10, 20], [20211001, 10, 15]]],
    ['Moscow', [[20210901, 20, 26], [20210930, -1, 15]]],
  ],
  [
    ['Madrid', [[20211102, 5, 15], [20211130, 7, 20]]],
    ['Moscow', [[20211001, -1, 16], [20211030, -10, 10]]],
  ],
];
const day = (yyyymmdd: number) => Date.UTC(Math.floor(yyyymmdd / 10000), (Math.floor(yyyymmdd / 100) % 100) - 1, yyyymmdd % 100);
const readings = (batch: (typeof seed)[number]): SensorReading[] => batch.flatMap(([key, rs]) => rs.map(([d, min, max]) => ({ key, time: day(d), min, max })));

// batch time | city | min | max | last date
const extremes: Array<[number, string, number, number, number]> = [
  [1000, 'Madrid', 10, 35, 20210831],
  [1000, 'Moscow', -1, 30, 20210831],
  [2000, 'Madrid', 10, 35, 20211001],
  [2000, 'Moscow', -1, 30, 20210930],
  [3000, 'Madrid', 5, 35, 20211130],
  [3000, 'Moscow', -10, 30, 20211030],
];

describe(sensorExtremesJob.name, () => {
  describe('golden: the seed temperatures, running min/max with expiry', () => {
    it('gives the derived extremes per batch, then removes both cities once idle more than 2 s', () => {
      const job = sensorExtremesJob({ batchIntervalMs: 1000, idleTimeoutMs: 2000 });
      const driver = new PipelineTestDriver(() => job.build(), { batchIntervalMs: 1000 });
      const out = driver.queueStream(seed.map(readings)).flatMap((r) => r.records.map((o) => [r.batchTimeMs, o] as const));
      expect(out).toEqual(extremes.map(([t, key, min, max, last]) => [t, { key, removed: false, min, max, lastTime: day(last), updatedAt: t }]));
      // idle 1 s at 4 s, exactly 2 s (the limit, kept) at 5 s, 3 s at 6 s (removed)
      const [at4, at5, at6] = driver.runEmpty(3);
      expect([at4.records, at5.records]).toEqual([[], []]);
      expect(at6.records).toEqual([
        { key: 'Madrid', removed: true, reason: 'timeout', updatedAt: 3000 },
        { key: 'Moscow', removed: true, reason: 'timeout', updatedAt: 3000 },
      ]);
    });

    it("expires a key through the seed's own rule: the update function returns nothing when the dates are 200 apart", () => {
      // The seed keeps [time, min, max] while newTime - storedTime < 200 (dates as yyyymmdd numbers).
      type State = { time: number; min: number; max: number };
      const stream = MicroBatchStream.source<[string, Array<[number, number, number]>]>({ batchIntervalMs: 1000 }).updateStateByKey<string, Array<[number, number, number]>, State>(
        (values, old) => {
          const rs = values.flat();
          const time = Math.max(...rs.map((r) => r[0]));
          const next = { time, min: Math.min(old?.min ?? Infinity, ...rs.map((r) => r[1])), max: Math.max(old?.max ?? -Infinity, ...rs.map((r) => r[2])) };
          return old === undefined || time - old.time < 200 ? next : undefined;
        },
        { name: 'temperatures' },
      );
      const driver = new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
      const [, , third] = driver.queueStream(seed); // gaps 170/99 then 129/100 (< 200): kept
      expect(third.records.map((c) => c.kind === 'state' && [c.key, c.state])).toEqual([
        ['Madrid', { time: 20211130, min: 5, max: 35 }],
        ['Moscow', { time: 20211030, min: -10, max: 30 }],
      ]);
      const fourth = driver.runBatch([['Madrid', [[20220301, 0, 18]]]]); // 20220301 - 20211130 = 9171 >= 200
      expect(fourth.records).toEqual([{ kind: 'removed', key: 'Madrid', reason: 'function', lastState: { time: 20211130, min: 5, max: 35 }, lastUpdateMs: 3000 }]);
    });
  });
});
