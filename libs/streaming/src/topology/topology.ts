import type { CleanupPolicy } from '@sluice/contracts';
import { KeyValueStore } from '../state/key-value-store';
import { OutputRecord, StreamRecord } from './stream-record';

/**
 * The work for one input partition of one source topic (Kafka Streams' "task").
 * A task owns its state stores; the runtime persists their changes to the changelog and
 * commits them atomically with the task's outputs and input offsets.
 */
export interface StreamTask {
  /** The task's stores (stable names), restored from their changelogs before the first batch. */
  readonly stores: readonly KeyValueStore<unknown>[];
  /**
   * Processes one micro-batch of this task's records.
   * @param records records in offset order (may be empty when the task only has timers)
   * @param batchTimeMs the micro-batch time (ms since the epoch): the trigger time for source
   *   topics, the upstream batch time carried in a header for repartition topics
   * @returns the records to publish in the same transaction (results, repartitioned records, dead letters)
   */
  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[];
  /**
   * Records refused behind a watermark and dropped (late policy `drop`) since the last call,
   * for the `sluice_late_records_total` metric. Absent: the task never drops records.
   */
  drainLateDropped?(): number;
  /** The latest watermark (ms) of each event-time operator of the task, by operator name (read-only). Absent: none. */
  watermarks?(): Readonly<Record<string, number>>;
}

/** How a topic's records are turned into tasks. */
export interface TaskFactory {
  /** The input topic. */
  readonly topic: string;
  /**
   * `source`: triggered every batch interval (Spark's processing-time trigger).
   * `internal`: a repartition topic, triggered as soon as its upstream batch is committed, so a
   * shuffle adds no extra batch interval of latency (Spark runs its shuffle inside the batch).
   */
  readonly trigger: 'source' | 'internal';
  /** Store names a task of this factory has (each restored from its changelog partition). */
  readonly storeNames: readonly string[];
  /**
   * The task keeps processing-time state (windows, idle timeouts), so it must see time pass even
   * without input: on every source trigger the runtime calls it with no records — internal tasks
   * at the trigger time minus one batch interval, so the upstream micro-batch of that time has
   * normally been committed before its windows are closed (Kafka Streams calls this punctuation).
   */
  readonly punctuate?: boolean;
  create(partition: number): StreamTask;
}

/** A topic the topology needs, provisioned by the runtime at start-up. */
export interface TopicRequirement {
  name: string;
  /** `compact` for changelogs; a result topic's contract policy; `delete` otherwise. */
  cleanupPolicy: CleanupPolicy;
  /** Partition count; default: the configured TOPIC_PARTITIONS. */
  partitions?: number;
}

/**
 * A processor topology: a pure description (no Kafka) of which topics feed which tasks.
 * Built by a pure function from configuration, then driven by the Kafka runtime or by a test harness.
 */
export interface Topology {
  /** Application id: the consumer group, the prefix of transactional ids and internal topics. */
  readonly applicationId: string;
  readonly factories: readonly TaskFactory[];
  readonly topics: readonly TopicRequirement[];
}

/** Header carrying the upstream micro-batch time (ms) on repartitioned records. */
export const BATCH_TIME_HEADER = 'sluice-batch-time';

/**
 * Headers carrying where a repartitioned record came from (source topic, partition, offset),
 * so a record refused downstream (late) is dead-lettered against its original position.
 */
export const SourceHeaders = {
  topic: 'sluice-source-topic',
  partition: 'sluice-source-partition',
  offset: 'sluice-source-offset',
} as const;
