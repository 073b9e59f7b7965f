import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineTestDriver } from '../testing/pipeline-test-driver';
import { eventTimeAggregateStage, EventTimeAggregateOptions } from './event-time-aggregate';
import { EventTimeWindows } from './event-time-windows';

interface Ev {
  k: string;
  t: number;
}
const ev = (t: number, k = 'k'): Ev => ({ k, t });
type Opts = Partial<Pick<EventTimeAggregateOptions<Ev, string, number>, 'emit' | 'late'>>;

/** Counts per key in 10 s windows, 5 s allowed lateness unless given. */
function driver(o: Opts = {}, windows = EventTimeWindows.ofSizeAndLateness(10_000, 5_000)) {
  const stream = MicroBatchStream.source<Ev>({ batchIntervalMs: 1000 })
    .windowedByEventTime(windows, { keyOf: (e) => e.k, timeOf: (e) => e.t })
    .count({ name: 'n', ...o });
  return new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
}

describe(eventTimeAggregateStage.name, () => {
  describe('push', () => {
    it('emits nothing while the watermark is before the window end', () => {
      const d = driver();
      expect(d.runBatch([ev(1000), ev(9999)]).records).toEqual([]); // watermark 4999
      expect(d.runBatch([ev(14_999)]).records).toEqual([]); // watermark 9999 < end 10000
    });

    it('reports its watermark (greatest event time minus the lateness) by name after each batch, none before any event time', () => {
      const d = driver();
      expect(d.runBatch([]).watermarks).toEqual({});
      expect(d.runBatch([ev(9999), ev(1000)]).watermarks).toEqual({ n: 4999 });
      expect(d.runBatch([ev(2000)]).watermarks).toEqual({ n: 4999 }); // an older event time does not move it back
      expect(d.runBatch([]).watermarks).toEqual({ n: 4999 }); // restored from its state, not from this batch
    });

    it('emits the final result once, when the watermark reaches the window end', () => {
      const d = driver();
      d.runBatch([ev(1000), ev(9999)]);
      expect(d.runBatch([ev(15_000)]).records).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10_000, value: 2, final: true }]);
      expect(d.runBatch([ev(16_000)]).records).toEqual([]);
    });

    it('counts a record exactly at the window start in it, and one exactly at its end in the next window', () => {
      const d = driver();
      d.runBatch([ev(10_000), ev(20_000)]);
      const out = d.runBatch([ev(40_000)]).records;
      expect(out).toEqual([
        { key: 'k', windowStart: 10_000, windowEnd: 20_000, value: 1, final: true },
        { key: 'k', windowStart: 20_000, windowEnd: 30_000, value: 1, final: true },
      ]);
    });

    it('refuses a record whose window end equals the watermark (closed exactly at the limit)', () => {
      const d = driver({ late: 'return' });
      d.runBatch([ev(15_000)]); // watermark 10000 = end of [0, 10000)
      const r = d.runBatch([ev(9_999)]);
      expect(r.late).toEqual([{ operator: 'n', reason: 'late', record: ev(9_999), eventTimeMs: 9_999, windowEndMs: 10_000, watermarkMs: 10_000 }]);
      expect(r.records).toEqual([]);
    });

    it('accepts a record whose window end is one ms after the watermark', () => {
      const d = driver({ late: 'return' });
      d.runBatch([ev(14_999)]); // watermark 9999 < end 10000
      expect(d.runBatch([ev(0)]).late).toEqual([]);
      expect(d.runBatch([ev(15_000)]).records).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10_000, value: 1, final: true }]);
    });

    it('drops and counts late records by default', () => {
      const d = driver();
      d.runBatch([ev(30_000)]);
      const r = d.runBatch([ev(1), ev(2), ev(29_000)]);
      expect(r.lateDropped).toBe(2);
      expect(r.late).toEqual([]);
    });

    it('judges a whole batch against the watermark of the previous batch, whatever the order inside it', () => {
      const d = driver({ late: 'return' });
      const r = d.runBatch([ev(20_000), ev(1_000)]); // 1000 < 20000 - 5000 but the watermark was not set yet
      expect(r.late).toEqual([]);
      expect(r.records).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10_000, value: 1, final: true }]);
    });

    it('keeps windows open through empty batches: only event time moves the watermark', () => {
      const d = driver();
      d.runBatch([ev(1000)]);
      expect(d.runEmpty(100).flatMap((r) => r.records)).toEqual([]);
      expect(d.runBatch([ev(15_000)]).records).toHaveLength(1);
    });

    it('refuses a record whose event time is not a finite number', () => {
      const d = driver({ late: 'return' });
      const r = d.runBatch([ev(NaN)]);
      expect(r.late.map((l) => l.reason)).toEqual(['invalid-time']);
      expect(d.changelog.entries('n-meta')).toEqual([]);
    });

    it('emits early updates of open windows, then the final result', () => {
      const d = driver({ emit: 'early-and-final' });
      expect(d.runBatch([ev(1000), ev(2000)]).records).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10_000, value: 2, final: false }]);
      expect(d.runBatch([ev(16_000)]).records).toEqual([
        { key: 'k', windowStart: 0, windowEnd: 10_000, value: 2, final: true },
        { key: 'k', windowStart: 10_000, windowEnd: 20_000, value: 1, final: false },
      ]);
    });

    it('adds a hopping-window record to its open windows and is not late while one is open', () => {
      const d = driver({ late: 'return' }, EventTimeWindows.ofSizeWithNoLateness(10_000).advanceBy(5_000));
      d.runBatch([ev(10_000)]); // watermark 10000: [0, 10000) closed, [5000, 15000) open
      const r = d.runBatch([ev(7_000)]); // windows [0,10000) closed, [5000,15000) open
      expect(r.late).toEqual([]);
      expect(d.runBatch([ev(30_000)]).records).toContainEqual({ key: 'k', windowStart: 5_000, windowEnd: 15_000, value: 2, final: true });
    });

    it('keeps keys apart', () => {
      const d = driver();
      d.runBatch([ev(1, 'a'), ev(2, 'b'), ev(3, 'a')]);
      expect(d.runBatch([ev(15_000, 'c')]).records.map((o) => [o.key, o.value])).toEqual([
        ['a', 2],
        ['b', 1],
      ]);
    });

    it('emits a window that was open at a restart once, with records from both sides of the restart', () => {
      const d = driver();
      d.runBatch([ev(1000)]);
      d.restart();
      d.runBatch([ev(2000)]);
      const closing = d.runBatch([ev(15_000)]).records;
      d.restart();
      d.runBatch([ev(16_000)]);
      expect(closing).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10_000, value: 2, final: true }]);
      expect(d.allOutputs().filter((o) => o.windowStart === 0)).toHaveLength(1);
    });

    it('does not emit a final result twice when a batch crashes before its commit', () => {
      const d = driver();
      d.runBatch([ev(1000)]);
      const lost = d.crashDuring([ev(15_000)]);
      const retried = d.runBatch([ev(15_000)]);
      expect(lost.records).toEqual(retried.records);
      expect(d.allOutputs()).toEqual([{ key: 'k', windowStart: 0, windowEnd: 10_000, value: 1, final: true }]);
    });
  });

  describe('stores', () => {
    it('keeps open windows and the greatest event time under names given by the operator', () => {
      const d = driver();
      d.runBatch([ev(1000), ev(12_000)]);
      expect(d.current.stores().map((s) => s.name)).toEqual(['n-windows', 'n-meta']);
      expect(d.changelog.entries('n-windows')).toEqual([
        ['0|k', 1],
        ['10000|k', 1],
      ]);
      expect(d.changelog.entries('n-meta')).toEqual([['maxEventTime', 12_000]]);
    });
  });
});
