import type { Decoded } from '@sluice/contracts';
import type { StreamRecord } from '../topology/stream-record';
import { batchStage, StageFactory } from '../stream/stage';

/**
 * How the records of a stream cross a repartition topic: the value bytes written upstream and the
 * record read back downstream. Only Sluice writes repartition topics, so a rejection means a bug or
 * a foreign writer; it goes to `<repartition topic>.dlq` like any undecodable record.
 */
export interface RepartitionCodec<T> {
  /** The record's value on the repartition topic (UTF-8 text or bytes). */
  encode(record: T): string | Buffer;
  /** The record back from a repartition-topic record (key, value, headers, timestamp). */
  decode(record: StreamRecord): Decoded<T>;
}

/** Options of `MicroBatchStream#repartition`. */
export interface RepartitionOptions<T> {
  /** How records are written to and read from the internal topic. */
  codec: RepartitionCodec<T>;
  /**
   * Partitions of the internal topic; default: the configured `TOPIC_PARTITIONS`. `1` makes every
   * key meet in one task, for a global aggregate (a top-N ranking), as Kafka Streams' global `groupBy`.
   */
  partitions?: number;
  /**
   * The source record a stream record came from, when there is exactly one (a 1:1 decode): its
   * position travels in the `sluice-source-*` headers, so a record refused downstream (late) is
   * dead-lettered against its source. Omit it after aggregating steps (per-batch counts have no
   * single source).
   */
  sourceOf?(record: T): StreamRecord;
}

/** A repartition step as the topology compiler sees it: its stable name, key and codec. */
export interface Repartition<T> extends RepartitionOptions<T> {
  /** Stable name: the internal topic is `<applicationId>-<name>-repartition`. */
  name: string;
  /** The key downstream operators group by; records of one key land in one partition (murmur2). */
  keyOf(record: T): string;
}

/**
 * `repartition`: re-keys a stream through an internal topic so that every record of one key is
 * processed by one task — the shuffle of Spark's `reduceByKey`/`updateStateByKey` across
 * executors, made explicit as Kafka Streams' `repartition()` (or the repartition its `groupBy`
 * implies).
 *
 * Semantics:
 * - **Compiled** (`compileStream`): the stream is cut in two sub-topologies. The upstream task
 *   writes each record to `<applicationId>-<name>-repartition` with key `keyOf(record)`, value
 *   `codec.encode(record)` and the header `sluice-batch-time` (its micro-batch time), in the same
 *   Kafka transaction as its input offsets; the downstream task (one per partition of the internal
 *   topic) decodes it with `codec.decode` and runs the rest of the pipeline as soon as the upstream
 *   batch is committed, at the upstream batch time. Exactly once end to end, as each half commits
 *   its outputs with its inputs.
 * - **In one instance** (`MicroBatchStream#build`, the test driver): a single instance already sees
 *   every key, so the step passes each batch through unchanged.
 * - Records per key keep their order (one upstream partition writes them in order); records of
 *   different upstream partitions interleave in arrival order.
 *
 * @example
 * ```ts
 * lines.flatMap(tokenize).mapToPair((w) => [w, 1]).countByKey()
 *   .repartition('word-counts', ([word]) => word, { codec: countCodec })
 *   .updateStateByKey(sum, { name: 'word-counts-totals' });
 * ```
 * @see compileStream, which turns the step into the internal topic and its task
 */
export function repartitionStage<T>(): StageFactory<T, T> {
  return () => batchStage((records) => [...records]);
}
