import type { Kafka, Message, TopicMessages } from 'kafkajs';
import { InternalTopics } from '@sluice/contracts';
import { BATCH_TIME_HEADER, OutputRecord, StreamRecord, StreamTask, TaskFactory } from '@sluice/streaming';
import type { Logger } from '@sluice/observability';
import { changelogEndsAfterCommit } from './changelog-positions';
import { ChangelogOffsets, fetchChangelogOffsets, offsetsOf, restoreChangelogs } from './changelog-restorer';
import { oversizeDeadLetter } from './oversize-dead-letter';
import type { RecordBatchLimits } from './record-batch-limits';
import type { StateSnapshots, TaskSnapshot } from './state-snapshots';
import { CommitOffset, TaskProducer } from './task-producer';
import { chunkTransaction } from './transaction-chunks';

/** What every task of one runtime shares. */
export interface PartitionTaskContext {
  kafka: Kafka;
  applicationId: string;
  /** Broker-side timeout of one transaction (ms). */
  transactionTimeoutMs: number;
  /** Record batch limits the transaction's produce requests stay under. */
  limits: RecordBatchLimits;
  /** Name of the service, on dead-letter records. */
  service: string;
  logger: Logger;
  clock: () => number;
  /** Where task snapshots are read at open and written at a clean stop; none: always restore in full. */
  snapshots?: StateSnapshots;
}

/** A changelog record no record batch can carry: the store value cannot be split, so the batch cannot commit. */
export class ChangelogRecordTooLargeError extends Error {
  constructor(topic: string, bytes: number, limit: number) {
    super(`a ${topic} record of ${bytes} bytes exceeds the topic's max.message.bytes (${limit} bytes); raise it to commit this state`);
    this.name = 'ChangelogRecordTooLargeError';
  }
}

/** What a committed micro-batch of one task did (for metrics). */
export interface TaskBatchResult {
  /** The task's input topic. */
  topic: string;
  recordsIn: number;
  outputs: OutputRecord[];
  changelogRecords: number;
  /** Late records dropped (late policy `drop`) in this batch. */
  lateDropped: number;
  /** Time the transaction's commit took (ms), for the console. */
  commitMs: number;
}

/** Read-only figures of one task's state store, for the status record. */
export interface TaskStoreStats {
  store: string;
  keys: number;
  /** Keys plus JSON values, estimated from up to 64 entries (bytes). */
  approxBytes: number;
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
  /** How long the last `open()` took to restore the stores from their changelogs (ms). */
  restoreMs: number | null = null;
  /**
   * Changelog topic → its end offset as this task left it (restored to, then after each commit):
   * the position a snapshot of the stores is the state of. Cleared when a commit's answer does
   * not tell it (then no snapshot is written).
   */
  private readonly changelogEnds = new Map<string, number>();
  private positionsKnown = false;
  /** When this task's stores were last snapshotted or loaded from one (epoch ms; runtime bookkeeping). */
  lastSnapshotAt = 0;
  /** The snapshot write in flight, if any (runtime bookkeeping: one at a time per task). */
  snapshotWriting: Promise<void> | undefined;
  /** {@link changelogPositions} of the last snapshot written (runtime bookkeeping: skip unchanged state). */
  snapshotPositions = '';
  /** `writtenAt` of the snapshot this task was opened from (epoch ms; 0 = none). */
  private loadedSnapshotAt = 0;
  /** True from the start of a micro-batch until its commit's positions are known, and for good after a failed one: no snapshot then. */
  private batchInFlight = false;

  constructor(
    readonly factory: TaskFactory,
    readonly partition: number,
    private readonly ctx: PartitionTaskContext,
  ) {}

  get id(): string {
    return `${this.factory.topic}-${this.partition}`;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /**
   * Fences the previous owner, restores state and returns the offset to resume from.
   * A changelog value that is not JSON (written by something else, or corrupt) is skipped with a
   * warning naming its offset: the store keeps the key's previous value, and the task opens.
   * @param onProgress called for every batch of changelog records applied (a long restore is progress)
   * @returns the offset to resume the input partition from (committed, else earliest)
   */
  async open(committedOffset: () => Promise<number>, onProgress?: () => void): Promise<number> {
    const { kafka, applicationId } = this.ctx;
    this.producer = await TaskProducer.open(kafka, `${applicationId}-${this.id}`, this.ctx.transactionTimeoutMs);
    const task = this.factory.create(this.partition);
    const stores = new Map(task.stores.map((s) => [s.name, s]));
    const topicOf = (name: string) => InternalTopics.changelog(applicationId, name);
    let corrupt = 0;
    const restoreStarted = this.ctx.clock();
    const offsets = this.factory.storeNames.length ? await fetchChangelogOffsets(kafka, this.factory.storeNames.map(topicOf)) : new Map<string, ChangelogOffsets>();
    const fromSnapshot = await this.loadSnapshot(stores, offsets);
    await restoreChangelogs(
      kafka,
      applicationId,
      this.factory.storeNames.map((name) => {
        const topic = topicOf(name);
        return {
          topic,
          partition: this.partition,
          fromOffset: fromSnapshot.get(name),
          apply: (key, value, offset) => {
            let parsed: unknown;
            try {
              parsed = value === null ? undefined : JSON.parse(value.toString('utf8'));
            } catch (err) {
              corrupt++;
              this.ctx.logger.warn({ context: PartitionTask.name, err, topic, partition: this.partition, offset, key }, 'changelog record is not JSON; skipped');
              return;
            }
            stores.get(name)?.restore(key, parsed);
          },
        };
      }),
      offsets,
      this.ctx.logger,
      undefined,
      onProgress,
    );
    if (corrupt) this.ctx.logger.warn({ context: PartitionTask.name, task: this.id, skipped: corrupt }, 'state restored without its corrupt changelog records');
    for (const name of this.factory.storeNames) this.changelogEnds.set(topicOf(name), offsetsOf(offsets, topicOf(name), this.partition).high);
    this.positionsKnown = true;
    if (fromSnapshot.size > 0) {
      // The periodic writer counts the loaded snapshot's age from when it was written, so a task
      // that restored a long tail on top of an old one snapshots at its first micro-batch; a
      // snapshot already at the changelogs' end is not rewritten until the state changes.
      this.lastSnapshotAt = this.loadedSnapshotAt;
      const atEnd = this.factory.storeNames.every((name) => fromSnapshot.get(name) === this.changelogEnds.get(topicOf(name)));
      if (atEnd) this.snapshotPositions = this.changelogPositions();
    }
    this.restoreMs = this.ctx.clock() - restoreStarted;
    this.task = task;
    return committedOffset();
  }

  /**
   * Loads the task's snapshot, if there is a usable one, into `stores`.
   * A store's part is used when it names the store's changelog partition and an offset not past
   * the partition's end (past it, the changelog was recreated or truncated since: that store is
   * restored in full). Reading problems are logged, never thrown: they only cost a full restore.
   * @returns store name → the changelog offset its restore resumes from
   */
  private async loadSnapshot(stores: ReadonlyMap<string, StreamTask['stores'][number]>, offsets: ReadonlyMap<string, ChangelogOffsets>): Promise<Map<string, number>> {
    const from = new Map<string, number>();
    const { snapshots, applicationId, logger } = this.ctx;
    if (!snapshots || stores.size === 0) return from;
    const log = { context: PartitionTask.name, task: this.id, file: snapshots.pathOf(applicationId, this.id) };
    let read: Awaited<ReturnType<StateSnapshots['read']>>;
    try {
      read = await snapshots.read(applicationId, this.id);
    } catch (err) {
      logger.warn({ ...log, err }, 'state snapshot could not be read; restoring from the changelog');
      return from;
    }
    if ('missing' in read) return from;
    if ('rejected' in read) {
      logger.warn({ ...log, reason: read.rejected }, 'state snapshot not usable (deleted); restoring from the changelog');
      return from;
    }
    let entries = 0;
    for (const s of read.snapshot.stores) {
      const store = stores.get(s.name);
      if (!store || s.topic !== InternalTopics.changelog(applicationId, s.name) || s.partition !== this.partition) continue;
      const { high } = offsetsOf(offsets, s.topic, this.partition);
      if (s.offset > high) {
        logger.warn({ ...log, store: s.name, snapshotOffset: s.offset, changelogEnd: high }, 'state snapshot is ahead of its changelog (recreated or truncated); restoring that store in full');
        continue;
      }
      for (const [key, value] of s.entries) store.restore(key, value);
      from.set(s.name, s.offset);
      entries += s.entries.length;
    }
    this.loadedSnapshotAt = read.snapshot.writtenAt;
    logger.info({ ...log, stores: from.size, entries, writtenAt: new Date(read.snapshot.writtenAt).toISOString() }, 'state loaded from snapshot');
    return from;
  }

  /**
   * Where this task's changelogs end, as one comparable string (`topic=offset,…`); it changes
   * exactly when a commit changed the task's state. Empty before the positions are known.
   */
  changelogPositions(): string {
    if (!this.positionsKnown) return '';
    return [...this.changelogEnds].map(([topic, end]) => `${topic}=${end}`).join(',');
  }

  /**
   * The task's stores as a snapshot at the changelog positions this task left them, or undefined
   * when the task does not run, has no stores, a position is unknown, or a micro-batch is in flight
   * (its changes to the stores are not known to be committed yet).
   */
  snapshot(): TaskSnapshot | undefined {
    if (this.status !== 'running' || this.batchInFlight || !this.task || !this.positionsKnown || this.task.stores.length === 0) return undefined;
    const { applicationId } = this.ctx;
    const stores: TaskSnapshot['stores'] = [];
    for (const store of this.task.stores) {
      const topic = InternalTopics.changelog(applicationId, store.name);
      const offset = this.changelogEnds.get(topic);
      if (offset === undefined || store.pendingChanges > 0) return undefined;
      stores.push({ name: store.name, topic, partition: this.partition, offset, entries: [...store.entries()] });
    }
    return { format: 1, applicationId, task: this.id, writtenAt: this.ctx.clock(), stores };
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
    const { task, producer } = this;
    // From here the stores may hold changes whose commit is not yet known: no snapshot until it
    // is. A failed batch leaves the flag set: that task's state is never snapshotted (it reopens).
    this.batchInFlight = true;
    const records = this.buffer;
    this.buffer = [];
    const outputs: OutputRecord[] = [];
    if (this.factory.trigger === 'internal') {
      for (const [time, group] of groupByBatchTime(records, batchTimeMs)) outputs.push(...task.process(group, time));
      if (sourceTick && this.factory.punctuate) outputs.push(...task.process([], batchTimeMs - batchIntervalMs));
    } else {
      outputs.push(...task.process(records, batchTimeMs));
    }
    const changelog: OutputRecord[] = [];
    for (const store of task.stores) {
      const topic = InternalTopics.changelog(this.ctx.applicationId, store.name);
      for (const [key, value] of store.drainChanges()) {
        changelog.push({ topic, key, value: value === undefined ? null : JSON.stringify(value), partition: this.partition });
      }
    }
    const lateDropped = task.drainLateDropped?.() ?? 0;
    if (records.length === 0 && outputs.length === 0 && changelog.length === 0) {
      this.batchInFlight = false;
      return null;
    }
    const offset: CommitOffset | null = records.length
      ? { topic: this.factory.topic, partition: this.partition, offset: String(Number(records[records.length - 1].offset) + 1) }
      : null;
    const sent = this.fitToLimits(outputs, changelog);
    const commitStarted = this.ctx.clock();
    const answers = await producer.commit(sent.chunks.map(toTopicMessages), offset, groupId);
    const commitMs = this.ctx.clock() - commitStarted;
    this.trackChangelogEnds(sent.chunks, answers, new Set(changelog.map((r) => r.topic)));
    this.batchInFlight = false;
    return { topic: this.factory.topic, recordsIn: records.length, outputs: sent.outputs, changelogRecords: changelog.length, lateDropped, commitMs };
  }

  /** Moves the changelog positions past a committed transaction (unknown positions stop snapshots, never the task). */
  private trackChangelogEnds(requests: OutputRecord[][], answers: Parameters<typeof changelogEndsAfterCommit>[1], written: ReadonlySet<string>): void {
    if (!this.positionsKnown || written.size === 0) return;
    try {
      for (const [topic, end] of changelogEndsAfterCommit(requests, answers, written, this.partition)) this.changelogEnds.set(topic, end);
    } catch (err) {
      this.positionsKnown = false;
      this.ctx.logger.warn({ context: PartitionTask.name, task: this.id, err }, 'changelog positions unknown after a commit; this task will not be snapshotted');
    }
  }

  /** The watermark (ms) of each event-time operator of the task after its last batch (read-only). */
  watermarks(): Readonly<Record<string, number>> {
    return this.task?.watermarks?.() ?? {};
  }

  /** Keys and approximate bytes of each of the task's stores (read-only; none before it opened). */
  storeStats(): TaskStoreStats[] {
    return (this.task?.stores ?? []).map((s) => ({ store: s.name, keys: s.size, approxBytes: approxBytes(s.entries(), s.size) }));
  }

  /**
   * Cuts the transaction into produce requests under the broker's limits; a result record too
   * large for any record batch is replaced by its `too-large` dead-letter record.
   * @throws ChangelogRecordTooLargeError for a state value too large to be logged
   */
  private fitToLimits(outputs: OutputRecord[], changelog: OutputRecord[]): { chunks: OutputRecord[][]; outputs: OutputRecord[] } {
    const limitFor = (topic: string) => this.ctx.limits.limitFor(topic);
    const first = chunkTransaction([...outputs, ...changelog], limitFor);
    if (first.oversize.length === 0) return { chunks: first.chunks, outputs };
    const changelogTopics = new Set(changelog.map((r) => r.topic));
    const source = { topic: this.factory.topic, partition: this.partition, service: this.ctx.service, now: this.ctx.clock() };
    const replaced = new Set<OutputRecord>();
    const letters: OutputRecord[] = [];
    for (const { record, bytes, limit } of first.oversize) {
      if (changelogTopics.has(record.topic)) throw new ChangelogRecordTooLargeError(record.topic, bytes, limit);
      replaced.add(record);
      letters.push(oversizeDeadLetter(record, bytes, limit, source));
      this.ctx.logger.warn({ context: PartitionTask.name, task: this.id, topic: record.topic, bytes, limit }, 'result record too large for its topic; dead-lettered');
    }
    const kept = outputs.filter((r) => !replaced.has(r));
    const second = chunkTransaction([...kept, ...letters, ...changelog], limitFor);
    if (second.oversize.length) throw new Error(`a too-large dead-letter record of ${second.oversize[0].record.topic} still exceeds its limit (${second.oversize[0].bytes} bytes)`);
    return { chunks: second.chunks, outputs: [...kept, ...letters] };
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

/** Bytes of `size` entries, extrapolated from the UTF-16 lengths of the first 64 keys and JSON values. */
function approxBytes(entries: IterableIterator<[string, unknown]>, size: number): number {
  let sampled = 0;
  let bytes = 0;
  for (const [k, v] of entries) {
    bytes += k.length + (JSON.stringify(v)?.length ?? 0);
    if (++sampled >= 64) break;
  }
  return sampled === 0 ? 0 : Math.round((bytes / sampled) * size);
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
