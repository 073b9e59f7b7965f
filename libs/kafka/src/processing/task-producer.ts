import type { Kafka, Producer, RecordMetadata, TopicMessages } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { kafkaErrorChain } from '../kafka-error-chain';

/** The input position a transaction commits: the next offset to read of one partition. */
export interface CommitOffset {
  topic: string;
  partition: number;
  /** Next offset to consume (last processed + 1), as Kafka commits it. */
  offset: string;
}

/** Thrown when another instance took over the task (its producer fenced ours). */
export class TaskFencedError extends Error {
  constructor(transactionalId: string, cause: unknown) {
    super(`task producer ${transactionalId} was fenced by a newer instance`, { cause });
    this.name = 'TaskFencedError';
  }
}

/**
 * The transactional producer of one task (one input partition), with the transactional id
 * `<applicationId>-<topic>-<partition>`: the pre-KIP-447 exactly-once scheme of Kafka Streams
 * ("exactly_once" v1), where a task's new owner fences the previous one by initialising the same
 * transactional id. kafkajs 2.2.4 sends TxnOffsetCommit without the consumer generation, so
 * fencing by transactional id is what makes a zombie's late commit impossible.
 */
export class TaskProducer {
  private constructor(private readonly producer: Producer, readonly transactionalId: string) {}

  /**
   * Connects and initialises the transactional id. When it returns, any transaction of a previous
   * owner of the task is committed or aborted and that owner can no longer commit.
   * @param transactionTimeoutMs broker-side timeout of one transaction (ms)
   */
  static async open(kafka: Kafka, transactionalId: string, transactionTimeoutMs: number): Promise<TaskProducer> {
    const producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: transactionTimeoutMs,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs requires unbounded retries for idempotence; the broker's transaction timeout bounds a stuck transaction.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5000 },
    });
    await producer.connect();
    // An empty transaction sends InitProducerId only (kafkajs skips EndTxn when nothing was added).
    const txn = await producer.transaction();
    await txn.abort();
    return new TaskProducer(producer, transactionalId);
  }

  /**
   * Publishes `requests` (one produce request each, in order) and commits `offsets` for `groupId`
   * in one transaction: a consumer reading read_committed sees all of them or none.
   * @param requests the transaction's records, cut so no record batch exceeds the broker's limit (see `chunkTransaction`)
   * @returns per request (same order), the broker's answer per partition written (its `baseOffset`
   *   is the offset of the request's first record on that partition); empty for an empty request
   * @throws TaskFencedError when a newer owner fenced this producer; other errors after an abort attempt
   */
  async commit(requests: TopicMessages[][], offsets: CommitOffset | null, groupId: string): Promise<RecordMetadata[][]> {
    const txn = await this.producer.transaction();
    try {
      const answers: RecordMetadata[][] = [];
      for (const topicMessages of requests) answers.push(topicMessages.length ? await txn.sendBatch({ topicMessages, acks: -1 }) : []);
      if (offsets) {
        await txn.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic: offsets.topic, partitions: [{ partition: offsets.partition, offset: offsets.offset }] }],
        });
      }
      await txn.commit();
      return answers;
    } catch (e) {
      await txn.abort().catch(() => undefined); // the transaction may already be dead; the broker aborts it on timeout
      if (isFenced(e)) throw new TaskFencedError(this.transactionalId, e);
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined); // closing a broken connection is not an error worth keeping
  }
}

const FENCED_TYPES = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

/** True when the broker fenced the producer (kafkajs error types, through retry and `cause` wrappers). */
function isFenced(e: unknown): boolean {
  for (const err of kafkaErrorChain(e)) if (typeof err.type === 'string' && FENCED_TYPES.has(err.type)) return true;
  return false;
}
