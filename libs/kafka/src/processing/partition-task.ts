import type { Kafka, Message, TopicMessages } from 'kafkajs';
import { InternalTopics } from '@sluice/contracts';
import { BATCH_TIME_HEADER, OutputRecord, StreamRecord, StreamTask, TaskFactory } from '@sluice/streaming';
import type { Logger } from '@sluice/observability';
import { restoreChangelogs } from './changelog-restorer';
import { CommitOffset, TaskProducer } from './task-producer';

/** What a committed micro-batch of one task did (for metrics). */
export interface TaskBatchResult {
  /** The task's input topic. */
  topic: string;
  recordsIn: number;
  outputs: OutputRecord[];
  changelogRecords: number;
  /** Late records dropped (late policy `drop`) in this batch. */
  lateDropped: number;
}

export type TaskStatus = 'opening' | 'running' | 'closed';

/**
 * One task of the runtime: an input partition, its {@link StreamTask}, its transactional
 * producer and the records buffered since the last micro-batch.
 *
 * Life cycle: `open()` fences the previous owner, restores the stores from their changelog
 * partitions and reads the committed input offset (the caller then seeks the consumer there);
 * `runBatch()` processes the buffer and commits outputs, changelog records and the input offset
 * in one transaction; `close()` drops everything in memory (state is in the changelog).
 */
export class PartitionTask {
  status: TaskStatus = 'opening';
  /** Next input offset this task accepts (records below it were already committed). */
  position = 0;
  private buffer: StreamRecord[] = [];
  private task: StreamTask | undefined;
  private producer: TaskProducer | undefined;

  constructor(
    readonly factory: TaskFactory,
    readonly partition: number,
    private readonly kafka: Kafka,
    private readonly applicationId: string,
    private readonly transactionTimeoutMs: number,
    private readonly logger: Logger,
  ) {}

  get id(): string {
    return `${this.factory.topic}-${this.partition}`;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /**
   * Fences the previous owner, restores state and returns the offset to resume from.
   * @returns the offset to resume the input partition from (committed, else earliest)
   */
  async open(committedOffset: () => Promise<number>): Promise<number> {
    this.producer = await TaskProducer.open(this.kafka, `${this.applicationId}-${this.id}`, this.transactionTimeoutMs);
    const task = this.factory.create(this.partition);
    const stores = new Map(task.stores.map((s) => [s.name, s]));
    await restoreChangelogs(
      this.kafka,
      this.applicationId,
      this.factory.storeNames.map((name) => ({
        topic: InternalTopics.changelog(this.applicationId, name),
        partition: this.partition,
        apply: (key, value) => stores.get(name)?.restore(key, value === null ? undefined : JSON.parse(value.toString('utf8'))),
      })),
      this.logger,
    );
    this.task = task;
    return committedOffset();
  }

  /** Buffers consumed records at or after {@link position}; earlier ones were already committed. */
  accept(records: readonly StreamRecord[]): void {
    for (const r of records) {
      const offset = Number(r.offset);
      if (offset < this.position) continue;
      this.buffer.push(r);
      this.position = offset + 1;
    }
  }

  /**
   * Processes the buffered records as one micro-batch and commits the transaction.
   * Internal-topic records are processed in groups of equal upstream batch time, in order; on a
   * source trigger a punctuated internal task is then called with no records at
   * `batchTimeMs - batchIntervalMs` (see `TaskFactory.punctuate`).
   * @param sourceTick true when this run is a source trigger (every batch interval)
   * @returns null when there was nothing to commit
   * @throws TaskFencedError, or the transaction's error (the caller then resets the task)
   */
  async runBatch(batchTimeMs: number, groupId: string, sourceTick = true, batchIntervalMs = 0): Promise<TaskBatchResult | null> {
    if (this.status !== 'running' || !this.task || !this.producer) return null;
    const records = this.buffer;
    this.buffer = [];
    const outputs: OutputRecord[] = [];
    if (this.factory.trigger === 'internal') {
      for (const [time, group] of groupByBatchTime(records, batchTimeMs)) outputs.push(...this.task.process(group, time));
      if (sourceTick && this.factory.punctuate) outputs.push(...this.task.process([], batchTimeMs - batchIntervalMs));
    } else {
      outputs.push(...this.task.process(records, batchTimeMs));
    }
    const changelog: OutputRecord[] = [];
    for (const store of this.task.stores) {
      const topic = InternalTopics.changelog(this.applicationId, store.name);
      for (const [key, value] of store.drainChanges()) {
        changelog.push({ topic, key, value: value === undefined ? null : JSON.stringify(value), partition: this.partition });
      }
    }
    const lateDropped = this.task.drainLateDropped?.() ?? 0;
    if (records.length === 0 && outputs.length === 0 && changelog.length === 0) return null;
    const offset: CommitOffset | null = records.length
      ? { topic: this.factory.topic, partition: this.partition, offset: String(Number(records[records.length - 1].offset) + 1) }
      : null;
    await this.producer.commit(toTopicMessages([...outputs, ...changelog]), offset, groupId);
    return { topic: this.factory.topic, recordsIn: records.length, outputs, changelogRecords: changelog.length, lateDropped };
  }

  /** Drops the buffer, the state and the producer. */
  async close(): Promise<void> {
    this.status = 'closed';
    this.buffer = [];
    this.task?.stores.forEach((s) => s.clear());
    this.task = undefined;
    const p = this.producer;
    this.producer = undefined;
    await p?.close();
  }
}

function groupByBatchTime(records: readonly StreamRecord[], fallback: number): Array<[number, StreamRecord[]]> {
  const groups: Array<[number, StreamRecord[]]> = [];
  for (const r of records) {
    const t = Number(r.headers[BATCH_TIME_HEADER] ?? fallback);
    const time = Number.isFinite(t) ? t : fallback;
    const last = groups[groups.length - 1];
    if (last && last[0] === time) last[1].push(r);
    else groups.push([time, [r]]);
  }
  return groups;
}

function toTopicMessages(records: readonly OutputRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const r of records) {
    let list = byTopic.get(r.topic);
    if (!list) byTopic.set(r.topic, (list = []));
    list.push({ key: r.key, value: r.value, headers: r.headers, partition: r.partition });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
