import { eventTimeAggregateStage, EventTimeAggregateOptions, WindowedValue } from '../operators/event-time-aggregate';
import type { EventTimeWindows } from '../operators/event-time-windows';
import type { MicroBatchStream } from './micro-batch-stream';

/** What an event-time aggregation adds to the key, time and windows already chosen. */
export type EventTimeAggregation<T, K extends string, A> = Omit<EventTimeAggregateOptions<T, K, A>, 'keyOf' | 'timeOf'>;

/** Key and event-time extractors (method syntax keeps the stream covariant in `T`). */
interface Extractors<T, K extends string> {
  keyOf(record: T): K;
  timeOf(record: T): number;
}

/**
 * A stream grouped by key into event-time windows, waiting for its aggregation — the step between
 * `windowedByEventTime` and `aggregate`/`count`, as Kafka Streams' `TimeWindowedKStream` sits between
 * `windowedBy` and `aggregate`. It holds no state itself.
 *
 * The resulting stream's late-record type gains `T`: records refused as late are handed back
 * unchanged (with `late: 'return'`), so the runtime can dead-letter the original input.
 */
export class EventTimeWindowedStream<I, T, K extends string, L> {
  constructor(
    private readonly parent: MicroBatchStream<I, T, L>,
    readonly windows: EventTimeWindows,
    private readonly extract: Extractors<T, K>,
  ) {}

  /**
   * Folds each key's records per window; emits each window's final value once it closes.
   * @see eventTimeAggregateStage for the semantics and the stores (`<name>-windows`, `<name>-meta`)
   * @throws PipelineDefinitionError when the name is not stable or already used
   */
  aggregate<A>(o: EventTimeAggregation<T, K, A>): MicroBatchStream<I, WindowedValue<K, A>, L | T> {
    const stage = eventTimeAggregateStage<T, K, A>(this.windows, { ...o, keyOf: (r) => this.extract.keyOf(r), timeOf: (r) => this.extract.timeOf(r) });
    return this.parent.through<WindowedValue<K, A>, L | T>(stage, { name: o.name });
  }

  /** The number of records per key and window. */
  count(o: Omit<EventTimeAggregation<T, K, number>, 'initializer' | 'aggregator'>): MicroBatchStream<I, WindowedValue<K, number>, L | T> {
    return this.aggregate<number>({ ...o, initializer: () => 0, aggregator: (n) => n + 1 });
  }
}
