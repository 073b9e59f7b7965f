import type { Signal } from '@sluice/contracts';
import { EventTimeWindows, MicroBatchStream } from '@sluice/streaming';

/** Stable operator name of the job; its stores are `signal-stats-windows` and `signal-stats-meta`. */
export const SIGNAL_STATS_OPERATOR = 'signal-stats';

/** Statistics of one series in one event-time window `[windowStart, windowEnd)` (JSON-ready, absolute). */
export interface SignalStats {
  series: string;
  /** Window start (ms, inclusive), a multiple of the advance. */
  windowStart: number;
  /** Window end (ms, exclusive). */
  windowEnd: number;
  count: number;
  min: number;
  max: number;
  /** Arithmetic mean of the values. */
  mean: number;
  /** Value of the sample with the greatest event time (the latest processed among equal times). */
  last: number;
  /** Event time of `last` (ms). */
  lastTime: number;
  /** true: the window is closed and this is its only final result; false: an early update. */
  final: boolean;
}

/** Options of the `signal-stats` job. */
export interface SignalStatsOptions {
  batchIntervalMs: number;
  /** Window size (ms). Default 10,000 (tumbling). */
  windowSizeMs?: number;
  /** Advance (ms) for hopping windows. Default: the size (tumbling). */
  advanceMs?: number;
  /** How far behind the greatest event time a window stays open (ms). Default 5,000. */
  allowedLatenessMs?: number;
  /** `return` (default): late samples come back in `late` for the DLQ; `drop`: only counted. */
  late?: 'drop' | 'return';
  /** Also emit each batch's updates of still-open windows (`final: false`). Default false. */
  emitEarly?: boolean;
}

interface Acc {
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTime: number;
}

/**
 * `signal-stats`: count, min, max, mean and last value per series and event-time window.
 *
 * Windows are `[start, end)` aligned to the epoch, closed when the watermark (greatest event time
 * seen − allowed lateness) reaches their end; each window's final statistics are emitted once, then.
 * A sample is late when its window is already closed: it is handed back (or counted) and changes no
 * result. Semantics in full on `EventTimeWindows` and `eventTimeAggregateStage`.
 *
 * Generic in the record type so the runtime can pass its own envelope (e.g. the decoded signal with
 * its source offset): late records come back as the same objects.
 *
 * @throws PipelineDefinitionError for a non-positive size or advance, or an advance above the size
 */
export function signalStatsJob<R extends Signal = Signal>(o: SignalStatsOptions): MicroBatchStream<R, SignalStats, R> {
  return signalStatsOf(MicroBatchStream.source<R>({ batchIntervalMs: o.batchIntervalMs }), o);
}

/**
 * The statistics of {@link signalStatsJob} over any stream of samples — the job appends them after
 * its repartition by series, so one series' samples meet in one task for its windows and watermark.
 */
export function signalStatsOf<I, R extends Signal, L>(samples: MicroBatchStream<I, R, L>, o: SignalStatsOptions): MicroBatchStream<I, SignalStats, L | R> {
  const size = o.windowSizeMs ?? 10_000;
  const windows = EventTimeWindows.ofSizeAndLateness(size, o.allowedLatenessMs ?? 5_000).advanceBy(o.advanceMs ?? size);
  return samples
    .windowedByEventTime(windows, { keyOf: (s) => s.series, timeOf: (s) => s.time })
    .aggregate<Acc>({
      name: SIGNAL_STATS_OPERATOR,
      late: o.late ?? 'return',
      emit: o.emitEarly ? 'early-and-final' : 'final',
      initializer: () => ({ count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN, lastTime: -Infinity }),
      aggregator: (a, s) => ({
        count: a.count + 1,
        sum: a.sum + s.value,
        min: Math.min(a.min, s.value),
        max: Math.max(a.max, s.value),
        last: s.time >= a.lastTime ? s.value : a.last,
        lastTime: Math.max(a.lastTime, s.time),
      }),
    })
    .map(({ key, windowStart, windowEnd, value: a, final }) => ({
      series: key,
      windowStart,
      windowEnd,
      count: a.count,
      min: a.min,
      max: a.max,
      mean: a.sum / a.count,
      last: a.last,
      lastTime: a.lastTime,
      final,
    }));
}
