import type { Signal } from '@sluice/contracts';
import { PipelineTestDriver } from '@sluice/streaming';
import { SignalStatsOptions, signalStatsJob } from './signal-stats.pipeline';

const s = (series: string, time: number, value: number): Signal => ({ series, time, value });
const driver = (o: Partial<SignalStatsOptions> = {}) => {
  const job = signalStatsJob({ batchIntervalMs: 1000, ...o });
  return new PipelineTestDriver(() => job.build(), { batchIntervalMs: 1000 });
};

describe(signalStatsJob.name, () => {
  describe('process', () => {
    it('gives count, min, max, mean and last per series and 10 s window once it closes', () => {
      const d = driver();
      d.runBatch([s('sine', 1000, 2), s('sine', 3000, -4), s('tri', 2000, 1), s('sine', 9999, 8)]);
      const out = d.runBatch([s('sine', 15_000, 0)]).records;
      expect(out).toEqual([
        { series: 'sine', windowStart: 0, windowEnd: 10_000, count: 3, min: -4, max: 8, mean: 2, last: 8, lastTime: 9999, final: true },
        { series: 'tri', windowStart: 0, windowEnd: 10_000, count: 1, min: 1, max: 1, mean: 1, last: 1, lastTime: 2000, final: true },
      ]);
    });

    it('takes as last the value with the greatest event time, not the last to arrive', () => {
      const d = driver();
      d.runBatch([s('x', 5000, 1)]);
      d.runBatch([s('x', 2000, 9)]);
      expect(d.runBatch([s('x', 20_000, 0)]).records[0]).toMatchObject({ last: 1, lastTime: 5000 });
    });

    it('hands a late sample back unchanged (same object) by default, for the DLQ', () => {
      const d = driver();
      d.runBatch([s('x', 16_000, 1)]); // watermark 11000: [0, 10000) closed
      const late = s('x', 9000, 5);
      const r = d.runBatch([late]);
      expect(r.late).toHaveLength(1);
      expect(r.late[0].record).toBe(late);
      expect(r.late[0]).toMatchObject({ operator: 'signal-stats', reason: 'late', windowEndMs: 10_000, watermarkMs: 11_000 });
    });

    it('only counts late samples with late: drop', () => {
      const d = driver({ late: 'drop' });
      d.runBatch([s('x', 16_000, 1)]);
      const r = d.runBatch([s('x', 9000, 5)]);
      expect(r.late).toEqual([]);
      expect(r.lateDropped).toBe(1);
    });

    it('emits early partial statistics when asked', () => {
      const d = driver({ emitEarly: true });
      expect(d.runBatch([s('x', 1000, 3)]).records).toEqual([
        { series: 'x', windowStart: 0, windowEnd: 10_000, count: 1, min: 3, max: 3, mean: 3, last: 3, lastTime: 1000, final: false },
      ]);
    });

    it('supports hopping windows and a custom lateness', () => {
      const d = driver({ windowSizeMs: 10_000, advanceMs: 5000, allowedLatenessMs: 0 });
      d.runBatch([s('x', 7000, 1)]);
      const out = d.runBatch([s('x', 15_000, 3)]).records;
      expect(out.map((o) => [o.windowStart, o.count])).toEqual([
        [0, 1],
        [5000, 1],
      ]);
    });
  });

  describe('definition', () => {
    it('keeps its state in stores named from the stable operator name', () => {
      expect(signalStatsJob({ batchIntervalMs: 1000 }).storeNames()).toEqual(['signal-stats-windows', 'signal-stats-meta']);
    });
  });
});
