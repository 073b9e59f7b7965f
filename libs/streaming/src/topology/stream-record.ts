/**
 * A record as a task sees it: where it came from and its raw key/value bytes.
 * Kafka-free on purpose: the runtime in libs/kafka converts kafkajs messages into these.
 */
export interface StreamRecord {
  topic: string;
  partition: number;
  /** Offset as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Record timestamp (ms since the epoch). */
  timestamp: number;
  headers: Record<string, string>;
}

/** A record a task emits: a result, a repartitioned record, or a dead letter. */
export interface OutputRecord {
  topic: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
  /** Explicit partition; default: the key's partition (murmur2, as Kafka's default partitioner). */
  partition?: number;
}
