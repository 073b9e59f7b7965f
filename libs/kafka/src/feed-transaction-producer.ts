import type { Kafka, Producer } from 'kafkajs';
import { CompressionTypes, Partitioners } from 'kafkajs';
import { readLatestValue } from './compacted-topic-reader';
import { ProducedRecord, toMessage } from './record-producer';

/** Thrown when an attempt outlives its deadline; retriable (a new producer may succeed). */
export class AttemptDeadlineError extends Error {
  constructor(what: string) {
    super(`${what} got no answer before the delivery deadline`);
    this.name = 'AttemptDeadlineError';
  }
}

/**
 * The transactional producer of one feed: every transaction carries the feed's lines and its
 * checkpoint record (key = source id) in `checkpointTopic`, so both are committed or neither.
 * The transactional id belongs to the source: opening it again (after a failure, or in a
 * `--resume` run after `kill -9`) fences the previous producer and completes its open
 * transaction, as Kafka Streams' task producers do.
 */
export class FeedTransactionProducer {
  private producer: Producer | undefined;

  /** @param transactionTimeoutMs broker-side limit of one transaction (ms) */
  constructor(
    private readonly kafka: Kafka,
    readonly transactionalId: string,
    private readonly checkpointTopic: string,
    private readonly sourceId: string,
    private readonly transactionTimeoutMs = 60000,
  ) {}

  /**
   * Connects a new producer and initialises the transactional id (fencing any earlier one), the
   * old producer being dropped without waiting (it may hang on a stopped broker).
   * @throws the connection or InitProducerId error; AttemptDeadlineError after `deadlineMs`
   */
  async open(deadlineMs: number): Promise<void> {
    const old = this.producer;
    this.producer = undefined;
    void old?.disconnect().catch(() => undefined); // a fenced producer has nothing left to flush
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.transactionTimeoutMs,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs requires unbounded retries for idempotence; the caller's deadline bounds an attempt.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5000 },
    });
    const init = async () => {
      await producer.connect();
      // An empty transaction sends InitProducerId only (kafkajs skips EndTxn when nothing was added).
      await (await producer.transaction()).abort();
    };
    try {
      await beforeDeadline(init(), deadlineMs, `initialising ${this.transactionalId}`);
    } catch (e) {
      void producer.disconnect().catch(() => undefined); // half-open: nothing to keep
      throw e;
    }
    this.producer = producer;
  }

  /**
   * Sends `records` to `topic` and the checkpoint value to the checkpoint topic, and commits.
   * @throws the produce/commit error (after an abort attempt); AttemptDeadlineError after `deadlineMs`
   */
  async commit(topic: string, records: readonly ProducedRecord[], checkpointValue: string, deadlineMs: number): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error(`producer ${this.transactionalId} is not open`);
    const txn = await beforeDeadline(producer.transaction(), deadlineMs, 'beginning a transaction');
    const run = async () => {
      await txn.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [
          { topic, messages: records.map(toMessage) },
          { topic: this.checkpointTopic, messages: [{ key: this.sourceId, value: checkpointValue }] },
        ],
      });
      await txn.commit();
    };
    try {
      await beforeDeadline(run(), deadlineMs, `committing ${records.length} records`);
    } catch (e) {
      void txn.abort().catch(() => undefined); // the caller reopens, which aborts the transaction for good
      throw e;
    }
  }

  /** The committed checkpoint value of the source (undefined = none). @throws AttemptDeadlineError after `deadlineMs` */
  async readCheckpoint(deadlineMs: number): Promise<Buffer | null | undefined> {
    return beforeDeadline(readLatestValue(this.kafka, this.checkpointTopic, this.sourceId, Math.max(1, deadlineMs - Date.now())), deadlineMs, 'reading the checkpoint');
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined); // closing a broken connection is not an error worth keeping
    this.producer = undefined;
  }
}

async function beforeDeadline<T>(work: Promise<T>, deadlineMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new AttemptDeadlineError(what)), Math.max(0, deadlineMs - Date.now()))));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined); // an abandoned attempt may still fail later; its producer is replaced
  }
}
