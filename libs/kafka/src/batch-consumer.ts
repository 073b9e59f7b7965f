import type { Consumer, Kafka } from 'kafkajs';
import type { StreamRecord } from '@sluice/streaming';
import type { Logger } from '@sluice/observability';
import { headersToRecord } from './headers';

/** Lets a batch handler keep its group membership alive while it waits (retries, slow stores). */
export interface BatchContext {
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked: stop retrying. */
  isRunning(): boolean;
}

export interface BatchConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  logger: Logger;
  /**
   * Handles the records of one partition fetch (in offset order) and resolves to how many leading
   * records it handled (all of them when it resolves to nothing). The offset after that prefix is
   * committed; the rest, if any, is fetched again. When it throws, nothing is committed and the
   * consumer restarts from the last commit (at-least-once).
   */
  handle(records: StreamRecord[], ctx: BatchContext): Promise<number | void>;
  /** Largest fetch per partition (bytes). */
  maxBytesPerPartition?: number;
  /** Partition batches handled at once (default 1); each partition's batches stay in order. */
  partitionsConsumedConcurrently?: number;
  /**
   * Called once when the consumer crashed for good (kafkajs CRASH with `restart: false`): it no
   * longer consumes, so the service should exit non-zero and let its supervisor restart it.
   */
  onFatal?: (error: Error) => void;
  /**
   * Called after each handled and committed batch with how many records of its partition remain
   * after the handled prefix (`lag`, from the fetch's high watermark; records of open transactions
   * count until they are committed or aborted).
   */
  afterBatch?: (b: { topic: string; partition: number; lag: number }) => void;
  /** Called at every group join, with the partitions assigned to this member. */
  onAssignment?: (partitions: Array<{ topic: string; partition: number }>) => void;
}

/**
 * A consumer-group member that hands whole fetched batches (not single messages) to a handler
 * and commits offsets only after the handler succeeded: the at-least-once loop of every writer.
 * Reads `read_committed`, so records of aborted processor transactions are never seen.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly log: Logger;
  private assigned: Array<{ topic: string; partition: number }> = [];

  constructor(private readonly o: BatchConsumerOptions) {
    this.log = o.logger.child({ context: BatchConsumer.name, groupId: o.groupId });
    this.consumer = o.kafka.consumer({
      groupId: o.groupId,
      readUncommitted: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: o.maxBytesPerPartition ?? 4 * 1024 * 1024,
    });
  }

  /** Partitions assigned at the last group join (read-only, for the status record). */
  assignment(): Array<{ topic: string; partition: number }> {
    return [...this.assigned];
  }

  /** Joins the group and starts consuming. @throws when Kafka cannot be reached */
  async start(): Promise<void> {
    let fatal = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      const a = e.payload.memberAssignment as Record<string, number[]>;
      this.assigned = Object.entries(a).flatMap(([topic, ps]) => ps.map((partition) => ({ topic, partition })));
      this.o.onAssignment?.(this.assignment());
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      const { error, restart } = e.payload;
      this.log.error({ err: error, restart }, restart ? 'consumer crashed; kafkajs restarts it' : 'consumer crashed and will not restart');
      if (restart || fatal) return;
      fatal = true;
      this.o.onFatal?.(error);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.o.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.o.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary }) => {
        if (batch.messages.length === 0) return;
        const records: StreamRecord[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key,
          value: m.value,
          timestamp: Number(m.timestamp),
          headers: headersToRecord(m.headers),
        }));
        const started = Date.now();
        const handled = (await this.o.handle(records, { heartbeat, isRunning: () => isRunning() && !isStale() })) ?? records.length;
        if (handled <= 0) return;
        const last = batch.messages[Math.min(handled, records.length) - 1].offset;
        resolveOffset(last);
        // Through the batch's own commit: `consumer.commitOffsets` does nothing once the consumer is
        // stopping (kafkajs 2.2.4 runner), which would drop the commit of the batch a shutdown waits for.
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(Number(last) + 1) }] }] });
        this.log.debug(
          { topic: batch.topic, partition: batch.partition, records: handled, lastOffset: last, handleMs: Date.now() - started, ageMs: started - records[0].timestamp },
          'batch written and committed',
        );
        this.o.afterBatch?.({ topic: batch.topic, partition: batch.partition, lag: Math.max(0, Number(batch.offsetLag())) + records.length - handled });
      },
    });
  }

  /**
   * Stops fetching every assigned partition of `topics` (Kafka's `pause`); batches already fetched
   * are still handled and committed. Kept across rebalances until {@link resume}.
   */
  pause(topics: readonly string[]): void {
    this.flowControl('pause', topics);
  }

  /** Fetches `topics` again from where they stopped. */
  resume(topics: readonly string[]): void {
    this.flowControl('resume', topics);
  }

  /** kafkajs throws while its consumer restarts after a crash; the next group join starts unpaused anyway. */
  private flowControl(action: 'pause' | 'resume', topics: readonly string[]): void {
    if (topics.length === 0) return;
    try {
      this.consumer[action](topics.map((topic) => ({ topic })));
    } catch (err) {
      this.log.warn({ err, topics }, `could not ${action} topics`);
    }
  }

  /** Waits for the in-flight batch to be handled and committed, then leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
