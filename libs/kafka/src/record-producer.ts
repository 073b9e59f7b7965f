import type { Kafka, Producer, Message } from 'kafkajs';
import { CompressionTypes, Partitioners } from 'kafkajs';

/** A record to publish; `key` null = no key (round-robin over partitions). */
export interface ProducedRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  /** Record timestamp (ms); default: now. */
  timestamp?: number;
  headers?: Record<string, string>;
  partition?: number;
}

/**
 * An idempotent (non-transactional) producer for source data: the producer service and tests.
 * `send` resolves when the broker acknowledged every record (acks = all).
 */
export class RecordProducer {
  private constructor(private readonly producer: Producer) {}

  /** Connects an idempotent producer. @throws when the broker cannot be reached */
  static async connect(kafka: Kafka): Promise<RecordProducer> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5000 },
    });
    await producer.connect();
    return new RecordProducer(producer);
  }

  /** Publishes records to one topic in one request per broker. */
  async send(topic: string, records: readonly ProducedRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: records.map(toMessage) });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Converts a record to a kafkajs message. */
export function toMessage(r: ProducedRecord): Message {
  return {
    key: r.key ?? null,
    value: r.value,
    timestamp: r.timestamp === undefined ? undefined : String(r.timestamp),
    headers: r.headers,
    partition: r.partition,
  };
}
