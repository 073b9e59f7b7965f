import type { Kafka, Producer } from 'kafkajs';
import { CompressionTypes, Partitioners } from 'kafkajs';
import { readLatestValue, readLatestValues } from './compacted-topic-reader';
import { chunkTransaction } from './processing/transaction-chunks';
import { KAFKA_DEFAULT_MESSAGE_MAX_BYTES, RecordBatchLimits, uniformRecordBatchLimits } from './processing/record-batch-limits';
import { ProducedRecord, toMessage } from './record-producer';

/** A record with the topic it goes to (one transaction may write several topics). */
export interface TopicProducedRecord extends ProducedRecord {
  topic: string;
}

/** Thrown when an attempt outlives its deadline; retriable (a new producer may succeed). */
export class AttemptDeadlineError extends Error {
  constructor(what: string) {
    super(`${what} got no answer before the delivery deadline`);
    this.name = 'AttemptDeadlineError';
  }
}

/**
 * The transactional producer of one feed: every transaction carries the feed's records and a
 * checkpoint record in `checkpointTopic` (key = the source id for a text feed, a file's path for
 * the files source), so both are committed or neither.
 * The transactional id belongs to the source: opening it again (after a failure, or in a
 * `--resume` run after `kill -9`) fences the previous producer and completes its open
 * transaction, as Kafka Streams' task producers do.
 */
export class FeedTransactionProducer {
  private producer: Producer | undefined;

  /**
   * @param transactionTimeoutMs broker-side limit of one transaction (ms)
   * @param limits the largest record batch per topic: a transaction is sent in as many produce
   *   requests as keep each record batch within it (see `chunkTransaction`)
   */
  constructor(
    private readonly kafka: Kafka,
    readonly transactionalId: string,
    private readonly checkpointTopic: string,
    private readonly sourceId: string,
    private readonly transactionTimeoutMs = 60000,
    private readonly limits: RecordBatchLimits = uniformRecordBatchLimits(KAFKA_DEFAULT_MESSAGE_MAX_BYTES),
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
   * Sends `records` to `topic` and the checkpoint value (key = the source id) to the checkpoint
   * topic, and commits.
   * @throws the produce/commit error (after an abort attempt); AttemptDeadlineError after `deadlineMs`
   */
  async commit(topic: string, records: readonly ProducedRecord[], checkpointValue: string, deadlineMs: number): Promise<void> {
    await this.commitRecords(
      records.map((r) => ({ ...r, topic })),
      { key: this.sourceId, value: checkpointValue },
      deadlineMs,
    );
  }

  /**
   * Sends `records` (each to its topic) and the checkpoint record, last, in one transaction, and
   * commits. The records go in produce requests cut by `limits` (a large transaction takes
   * several), order kept per topic and partition; a record too large for any request is sent
   * alone, so the broker refuses it (MESSAGE_TOO_LARGE) and nothing of the transaction is committed.
   * @throws the produce/commit error (after an abort attempt); AttemptDeadlineError after `deadlineMs`
   */
  async commitRecords(records: readonly TopicProducedRecord[], checkpoint: { key: string; value: string }, deadlineMs: number): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error(`producer ${this.transactionalId} is not open`);
    const all = [...records, { topic: this.checkpointTopic, key: checkpoint.key, value: checkpoint.value }].map((r) => ({ ...r, key: r.key ?? null }));
    const { chunks, oversize } = chunkTransaction(all, (t) => this.limits.limitFor(t));
    const requests = [...oversize.map((o) => [o.record]), ...chunks] as Array<Array<TopicProducedRecord>>;
    const txn = await beforeDeadline(producer.transaction(), deadlineMs, 'beginning a transaction');
    const run = async () => {
      for (const request of requests) {
        const byTopic = new Map<string, TopicProducedRecord[]>();
        for (const r of request) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
        await txn.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: [...byTopic].map(([topic, rs]) => ({ topic, messages: rs.map(toMessage) })),
        });
      }
      await txn.commit();
    };
    try {
      await beforeDeadline(run(), deadlineMs, `committing ${records.length} records`);
    } catch (e) {
      void txn.abort().catch(() => undefined); // the caller reopens, which aborts the transaction for good
      throw e;
    }
  }

  /** The committed checkpoint value of `key` (default: the source id; undefined = none). @throws AttemptDeadlineError after `deadlineMs` */
  async readCheckpoint(deadlineMs: number, key = this.sourceId): Promise<Buffer | null | undefined> {
    return beforeDeadline(readLatestValue(this.kafka, this.checkpointTopic, key, Math.max(1, deadlineMs - Date.now())), deadlineMs, 'reading the checkpoint');
  }

  /**
   * Every committed checkpoint value whose key `keep` accepts (null = tombstone), read to the end
   * of the checkpoint topic. Call it after `open`, which completes this transactional id's open
   * transaction: otherwise it would hold the last stable offset back until it times out.
   * @throws AttemptDeadlineError after `deadlineMs`
   */
  async readCheckpoints(deadlineMs: number, keep?: (key: string) => boolean): Promise<Map<string, Buffer | null>> {
    return beforeDeadline(readLatestValues(this.kafka, this.checkpointTopic, Math.max(1, deadlineMs - Date.now()), keep), deadlineMs, 'reading the checkpoints');
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
