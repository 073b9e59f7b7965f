import type { Kafka, Producer, Message, ProducerConfig } from 'kafkajs';
import { CompressionTypes, Partitioners } from 'kafkajs';
import type { Logger } from '@sluice/observability';
import { permanentProduceError } from './produce-errors';
import { sendWithRecovery } from './send-with-recovery';

/** A record to publish; `key` null = no key (round-robin over partitions). */
export interface ProducedRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  /** Record timestamp (ms); default: now. */
  timestamp?: number;
  headers?: Record<string, string>;
  partition?: number;
}

/** Options of {@link RecordProducer.connect}. */
export interface RecordProducerOptions {
  /**
   * How long one `send` may take, retries and new producers included (ms), before it throws:
   * Kafka's `delivery.timeout.ms`. Default 300,000 (the producer app's PRODUCER_DELIVERY_TIMEOUT_MS).
   */
  deliveryTimeoutMs?: number;
  /** Where a retried send is reported (warn); none: silent. */
  logger?: Logger;
  /** Waits between attempts (ms; default a timer; tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

const PRODUCER_CONFIG: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 5,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5000 },
};

/**
 * An idempotent (non-transactional) producer for source data: the producer service, the writers'
 * dead letters and tests. `send` resolves when the broker acknowledged every record (acks = all).
 *
 * A broker outage does not end it: kafkajs' idempotent producer gives up for good on answers such
 * as OUT_OF_ORDER_SEQUENCE_NUMBER (requests that timed out during a pause, answered late), so a
 * failed send is retried with a new producer (a new producer id), with backoff of 0.2 s doubling to
 * 5 s, until `deliveryTimeoutMs`. Delivery is then at-least-once: records of a send that failed
 * after the broker stored them are written again by the retry. A permanent refusal (a record too
 * large, a topic not authorised: {@link permanentProduceError}) is not retried.
 */
export class RecordProducer {
  private producer: Producer | undefined;

  private constructor(
    private readonly kafka: Kafka,
    producer: Producer,
    private readonly o: RecordProducerOptions,
  ) {
    this.producer = producer;
  }

  /** Connects an idempotent producer. @throws when the broker cannot be reached */
  static async connect(kafka: Kafka, options: RecordProducerOptions = {}): Promise<RecordProducer> {
    const producer = kafka.producer(PRODUCER_CONFIG);
    await producer.connect();
    return new RecordProducer(kafka, producer, options);
  }

  /**
   * Publishes records to one topic in one request per broker, retrying as the class describes.
   * @throws the last error after `deliveryTimeoutMs`, or at once on a permanent refusal
   */
  async send(topic: string, records: readonly ProducedRecord[]): Promise<void> {
    if (records.length === 0) return;
    await sendWithRecovery({
      send: async () => {
        if (!this.producer) {
          const fresh = this.kafka.producer(PRODUCER_CONFIG);
          await fresh.connect();
          this.producer = fresh;
        }
        await this.producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: records.map(toMessage) });
      },
      discard: async () => {
        const failed = this.producer;
        this.producer = undefined;
        await failed?.disconnect().catch(() => undefined); // a broken producer may not close cleanly
      },
      deliveryTimeoutMs: this.o.deliveryTimeoutMs ?? 300_000,
      permanentError: permanentProduceError,
      now: Date.now,
      sleep: this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
      onRetry: ({ attempt, error, delayMs }) =>
        this.o.logger?.warn({ context: RecordProducer.name, err: error, topic, records: records.length, attempt, delayMs }, 'send failed; retrying with a new producer (at-least-once: these records may be written twice)'),
    });
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
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
