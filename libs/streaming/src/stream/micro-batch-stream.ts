import type { BatchWindows } from '../operators/window-spec';
import { countByKeyStage } from '../operators/count-by-key';
import type { EventTimeWindows } from '../operators/event-time-windows';
import { filterStage } from '../operators/filter';
import { flatMapStage } from '../operators/flat-map';
import { mapStage } from '../operators/map';
import { reduceByKeyStage } from '../operators/reduce-by-key';
import { reduceByKeyAndWindowStage, ReduceByKeyAndWindowOptions } from '../operators/reduce-by-key-and-window';
import { Repartition, RepartitionOptions, repartitionStage } from '../operators/repartition';
import { transformStage } from '../operators/transform';
import { KeyState, KeyStateRemoved, StateUpdateFn, updateStateByKeyStage, UpdateStateByKeyOptions } from '../operators/update-state-by-key';
import { windowStage } from '../operators/window';
import { buildPipeline } from './build-pipeline';
import { EventTimeWindowedStream } from './event-time-windowed-stream';
import type { Pipeline } from './pipeline';
import { PipelineDefinitionError } from './pipeline-definition-error';
import type { StageFactory } from './stage';
import { checkStableName } from './stable-name';

/**
 * One sub-topology of a stream definition: the stages between two repartitions (or the source and
 * the first repartition, or the last repartition and the end). Compiled into one task per input
 * partition by `compileStream`.
 */
export interface StreamSegment {
  /** A fresh pipeline instance of the segment's stages (its own stores). */
  build(): Pipeline<unknown, unknown, unknown>;
  /** The repartition that ends the segment; absent for the last segment. */
  exit?: Repartition<unknown>;
}

/** A stream definition cut at its repartitions, for the topology compiler. */
export interface StreamPlan {
  batchIntervalMs: number;
  /** In order from the source; one segment when the stream has no repartition. */
  segments: StreamSegment[];
}

interface ClosedSegment {
  factories: ReadonlyArray<StageFactory<unknown, unknown>>;
  exit: Repartition<unknown>;
}

/**
 * The definition of a micro-batch pipeline, Spark's DStream re-imagined: an immutable chain of
 * operators from a source of batches of `I` to a stream of batches of `T`. Nothing runs until
 * {@link build} makes a {@link Pipeline} instance (one per task, with its own stores).
 *
 * Types enforce the order of operations, as in the Kafka Streams DSL: key-based operators exist only
 * on streams of `[key, value]` pairs (`this` must be a pair stream, otherwise the call does not
 * compile), windows only once a {@link BatchWindows} or {@link EventTimeWindows} decided their
 * length and slide (or size and lateness). Every stateful operator takes a stable name, which names
 * its stores; `L` accumulates the types of records event-time operators may hand back as late.
 *
 * @example
 * ```ts
 * const wordCounts = MicroBatchStream.source<string>({ batchIntervalMs: 1000 })
 *   .flatMap((line) => line.split(' '))
 *   .mapToPair((w) => [w, 1])
 *   .reduceByKeyAndWindow((a, b) => a + b, BatchWindows.sliding(30_000, 10_000), { name: 'words', inverse: (a, b) => a - b });
 * const task = wordCounts.build();          // one per input partition
 * task.process(['a b a'], 10_000).records;  // [['a', 2], ['b', 1]]
 * ```
 * @typeParam I input record of the pipeline; T record of this stream; L late records handed back
 */
export class MicroBatchStream<I, T, L = never> {
  private constructor(
    private readonly factories: ReadonlyArray<StageFactory<unknown, unknown>>,
    /** Batch interval of the source (ms): batch times are aligned down to it. */
    readonly batchIntervalMs: number,
    /** How often this stream has a batch (ms): the batch interval, or the slide after a window (Spark's `slideDuration`). */
    readonly slideMs: number,
    private readonly names: ReadonlySet<string>,
    private readonly closed: readonly ClosedSegment[] = [],
  ) {}

  /**
   * A source of micro-batches of `T` (what Spark's `queueStream` or a Kafka input DStream gives).
   * @throws PipelineDefinitionError when `batchIntervalMs` is not a positive integer
   */
  static source<T>(o: { batchIntervalMs: number }): MicroBatchStream<T, T, never> {
    if (!(Number.isInteger(o.batchIntervalMs) && o.batchIntervalMs > 0)) {
      throw new PipelineDefinitionError(`batch interval must be a positive integer of ms, got ${o.batchIntervalMs}`);
    }
    return new MicroBatchStream<T, T, never>([], o.batchIntervalMs, o.batchIntervalMs, new Set());
  }

  /** Appends a custom stage (extension point). `name`, when given, is checked to be stable and unique. */
  through<U, L2 = L>(factory: StageFactory<T, U>, o: { name?: string; slideMs?: number } = {}): MicroBatchStream<I, U, L2> {
    const names = new Set(this.names);
    if (o.name !== undefined) {
      checkStableName(o.name, 'operator');
      if (names.has(o.name)) throw new PipelineDefinitionError(`operator name "${o.name}" is used twice in the pipeline`);
      names.add(o.name);
    }
    return new MicroBatchStream<I, U, L2>([...this.factories, factory as StageFactory<unknown, unknown>], this.batchIntervalMs, o.slideMs ?? this.slideMs, names, this.closed);
  }

  /**
   * Re-keys the stream through the internal topic `<applicationId>-<name>-repartition`, so every
   * record of one key reaches the same task. @see repartitionStage for the semantics
   * @param name stable name of the step (it names the internal topic)
   * @param keyOf the key downstream operators group by
   * @throws PipelineDefinitionError when the name is not stable or already used in the pipeline
   */
  repartition(name: string, keyOf: (record: T) => string, o: RepartitionOptions<T>): MicroBatchStream<I, T, L> {
    checkStableName(name, 'repartition');
    // Its own namespace: the topic is `<app>-<name>-repartition`, so it may share the name of the
    // stateful operator it feeds (whose stores are `<name>-<suffix>`), as the jobs do.
    if (this.closed.some((c) => c.exit.name === name)) throw new PipelineDefinitionError(`repartition name "${name}" is used twice in the pipeline`);
    const exit = { ...o, name, keyOf } as Repartition<unknown>;
    return new MicroBatchStream<I, T, L>([], this.batchIntervalMs, this.slideMs, this.names, [...this.closed, { factories: this.factories, exit }]);
  }

  /** One output per record. @see mapStage */
  map<U>(fn: (record: T) => U): MicroBatchStream<I, U, L> {
    return this.through(mapStage(fn));
  }

  /** Zero or more outputs per record. @see flatMapStage */
  flatMap<U>(fn: (record: T) => Iterable<U>): MicroBatchStream<I, U, L> {
    return this.through(flatMapStage(fn));
  }

  /** Keeps matching records; narrows with a type guard. @see filterStage */
  filter<U extends T>(predicate: (record: T) => record is U): MicroBatchStream<I, U, L>;
  filter(predicate: (record: T) => boolean): MicroBatchStream<I, T, L>;
  filter(predicate: (record: T) => boolean): MicroBatchStream<I, T, L> {
    return this.through(filterStage<T>(predicate));
  }

  /** A function over each whole batch (join with static data, sort, top-N). @see transformStage */
  transform<U>(fn: (records: readonly T[], batchTimeMs: number) => U[]): MicroBatchStream<I, U, L> {
    return this.through(transformStage(fn));
  }

  /** Makes `[key, value]` pairs, which the key-based operators need. @see mapStage */
  mapToPair<K extends string, V>(fn: (record: T) => readonly [K, V]): MicroBatchStream<I, [K, V], L> {
    return this.through(mapStage((r: T) => fn(r) as [K, V]));
  }

  /** Per-batch reduce of the values of each key. @see reduceByKeyStage */
  reduceByKey<K extends string, V>(this: MicroBatchStream<I, [K, V], L>, fn: (a: V, b: V) => V): MicroBatchStream<I, [K, V], L> {
    return this.through(reduceByKeyStage<K, V>(fn));
  }

  /** Per-batch number of records of each key. @see countByKeyStage */
  countByKey<K extends string>(this: MicroBatchStream<I, [K, unknown], L>): MicroBatchStream<I, [K, number], L> {
    return this.through(countByKeyStage<K>());
  }

  /**
   * The records of the last `length` ms of batches, at every slide point. @see windowStage
   * @throws PipelineDefinitionError when length or slide is not a multiple of this stream's {@link slideMs}
   */
  window(windows: BatchWindows, name: string): MicroBatchStream<I, T, L> {
    windows.checkAgainst(this.slideMs, name);
    return this.through(windowStage<T>(windows, name), { name, slideMs: windows.slideMs });
  }

  /**
   * Per-key reduce over a sliding window, optionally incremental. @see reduceByKeyAndWindowStage
   * @throws PipelineDefinitionError when length or slide is not a multiple of this stream's {@link slideMs}
   */
  reduceByKeyAndWindow<K extends string, V>(
    this: MicroBatchStream<I, [K, V], L>,
    fn: (a: V, b: V) => V,
    windows: BatchWindows,
    o: ReduceByKeyAndWindowOptions<V>,
  ): MicroBatchStream<I, [K, V], L> {
    windows.checkAgainst(this.slideMs, o.name);
    return this.through(reduceByKeyAndWindowStage<K, V>(fn, windows, o), { name: o.name, slideMs: windows.slideMs });
  }

  /** Records per key over a sliding window; incremental (sum with inverse, zero counts dropped) unless `incremental: false`. */
  countByKeyAndWindow<K extends string>(
    this: MicroBatchStream<I, [K, unknown], L>,
    windows: BatchWindows,
    o: { name: string; incremental?: boolean },
  ): MicroBatchStream<I, [K, number], L> {
    const inverse = o.incremental === false ? undefined : (a: number, b: number) => a - b;
    return this.mapToPair(([k]) => [k, 1]).reduceByKeyAndWindow((a, b) => a + b, windows, { name: o.name, inverse });
  }

  /** Per-key state across batches with an idle timeout. @see updateStateByKeyStage */
  updateStateByKey<K extends string, V, S>(
    this: MicroBatchStream<I, [K, V], L>,
    fn: StateUpdateFn<K, V, S>,
    o: UpdateStateByKeyOptions,
  ): MicroBatchStream<I, KeyState<K, S> | KeyStateRemoved<K, S>, L> {
    return this.through(updateStateByKeyStage(fn, o), { name: o.name });
  }

  /** Groups by key into event-time windows; follow with `aggregate` or `count`. @see EventTimeWindows */
  windowedByEventTime<K extends string>(windows: EventTimeWindows, o: { keyOf: (record: T) => K; timeOf: (record: T) => number }): EventTimeWindowedStream<I, T, K, L> {
    return new EventTimeWindowedStream(this, windows, o);
  }

  /**
   * A new pipeline instance with empty stores: one per task. Repartitions pass records through
   * (one instance sees every key); `plan` cuts the stream at them for the Kafka runtime.
   */
  build(): Pipeline<I, T, L> {
    const all = this.closed.flatMap((c) => [...c.factories, repartitionStage() as StageFactory<unknown, unknown>]);
    return buildPipeline<I, T, L>([...all, ...this.factories], this.batchIntervalMs);
  }

  /** The definition cut at its repartitions: one segment per sub-topology (see `compileStream`). */
  plan(): StreamPlan {
    const segment = (factories: ReadonlyArray<StageFactory<unknown, unknown>>, exit?: Repartition<unknown>): StreamSegment => ({
      build: () => buildPipeline<unknown, unknown, unknown>(factories, this.batchIntervalMs),
      exit,
    });
    return { batchIntervalMs: this.batchIntervalMs, segments: [...this.closed.map((c) => segment(c.factories, c.exit)), segment(this.factories)] };
  }

  /** Names of the stores every instance has (for the runtime's changelog topics), in pipeline order. */
  storeNames(): string[] {
    return this.build()
      .stores()
      .map((s) => s.name);
  }
}
