import { GroupedStore } from '../state/grouped-store';
import type { LateRecord, StageFactory } from '../stream/stage';
import type { EventTimeWindows } from './event-time-windows';

/** One window's aggregate for one key. JSON-ready when `A` is. */
export interface WindowedValue<K extends string, A> {
  key: K;
  /** Window start, inclusive (ms since the epoch). */
  windowStart: number;
  /** Window end, exclusive (ms since the epoch). */
  windowEnd: number;
  value: A;
  /** true: the window is closed and this is its one final result; false: an early (partial) update. */
  final: boolean;
}

/** Options of {@link eventTimeAggregateStage}. */
export interface EventTimeAggregateOptions<T, K extends string, A> {
  /** Stable operator name; names its stores `<name>-windows` and `<name>-meta`. */
  name: string;
  keyOf: (record: T) => K;
  /** The record's event time (ms since the epoch). */
  timeOf: (record: T) => number;
  /** The aggregate of an empty window. */
  initializer: () => A;
  /** Adds a record to a window's aggregate; must return a new value, not modify `acc` (it may have been emitted). */
  aggregator: (acc: A, record: T, key: K) => A;
  /** `final` (default): one result per window, when it closes; `early-and-final`: also the windows updated in each batch. */
  emit?: 'final' | 'early-and-final';
  /** `drop` (default): late records are counted in `lateDropped`; `return`: handed back in `late` (for a DLQ). */
  late?: 'drop' | 'return';
}

const MAX_EVENT_TIME = 'maxEventTime';

/**
 * `aggregate` over event-time windows: per key and window `[start, end)`, folds the records with
 * `aggregator` from `initializer()`, and emits each window's final aggregate once, when the
 * watermark passes its end (optionally also early updates).
 *
 * Semantics: Kafka Streams' `groupByKey().windowedBy(TimeWindows).aggregate(...)` followed by
 * `suppress(untilWindowCloses)` — window bounds, watermark, lateness and finality exactly as
 * documented on {@link EventTimeWindows}. Late records (every window closed) and records whose
 * event time is not a finite number are refused: dropped and counted, or handed back as
 * {@link LateRecord}s with the watermark they were judged against.
 *
 * Output per batch (one batch at the batch time, possibly empty): final results of the windows
 * closed by this batch, by window start (keys in order of first update), then (early mode) the still-open windows this
 * batch updated. A window's final result is never emitted twice: it is deleted from the store in
 * the batch that emits it, and the runtime commits both together.
 *
 * State: `<name>-windows` (`"<windowStart>|<key>" → aggregate`, open windows only) and
 * `<name>-meta` (`maxEventTime`). Aggregates must survive JSON.
 *
 * @example
 * ```ts
 * signals.windowedByEventTime(EventTimeWindows.ofSizeAndLateness(10_000, 5_000), { keyOf: (s) => s.series, timeOf: (s) => s.time })
 *   .aggregate({ name: 'signal-stats', initializer: () => 0, aggregator: (n) => n + 1 });
 * ```
 */
export function eventTimeAggregateStage<T, K extends string, A>(windows: EventTimeWindows, o: EventTimeAggregateOptions<T, K, A>): StageFactory<T, WindowedValue<K, A>> {
  const { sizeMs, allowedLatenessMs } = windows;
  return (stores) => {
    const open = new GroupedStore(stores.create<A>(`${o.name}-windows`));
    const meta = stores.create<number>(`${o.name}-meta`);
    return {
      push(timeMs, records, emit, ctx) {
        const seen = meta.get(MAX_EVENT_TIME);
        const watermark = seen === undefined ? -Infinity : seen - allowedLatenessMs;
        const refuse = (record: T, reason: LateRecord<T>['reason'], eventTimeMs: number, windowEndMs: number) => {
          if (o.late === 'return') ctx.late.push({ operator: o.name, reason, record, eventTimeMs, windowEndMs, watermarkMs: seen === undefined ? null : watermark });
          else ctx.lateDropped++;
        };
        let max = seen ?? -Infinity;
        const touched = o.emit === 'early-and-final' ? new Map<string, [number, K]>() : undefined;
        for (const r of records) {
          const t = o.timeOf(r);
          if (!Number.isFinite(t)) {
            refuse(r, 'invalid-time', NaN, NaN);
            continue;
          }
          const key = o.keyOf(r);
          const starts = windows.startsFor(t);
          let accepted = false;
          for (const s of starts) {
            if (s + sizeMs <= watermark) continue;
            const acc = open.get(s, key);
            open.put(s, key, o.aggregator(acc === undefined ? o.initializer() : acc, r, key));
            touched?.set(`${s}|${key}`, [s, key]);
            accepted = true;
          }
          if (!accepted) refuse(r, 'late', t, starts[starts.length - 1] + sizeMs);
          else if (t > max) max = t;
        }
        if (max !== -Infinity && max !== seen) meta.put(MAX_EVENT_TIME, max);
        const closedUpTo = max - allowedLatenessMs;
        if (max !== -Infinity) ctx.watermarks[o.name] = closedUpTo;
        const out: Array<WindowedValue<K, A>> = [];
        for (const s of open.groups()) {
          if (s + sizeMs > closedUpTo) break;
          for (const [key, value] of open.group(s)!) out.push({ key: key as K, windowStart: s, windowEnd: s + sizeMs, value, final: true });
          open.deleteGroup(s);
        }
        for (const [s, key] of touched?.values() ?? []) {
          if (s + sizeMs > closedUpTo) out.push({ key, windowStart: s, windowEnd: s + sizeMs, value: open.get(s, key) as A, final: false });
        }
        emit(timeMs, out);
      },
    };
  };
}
