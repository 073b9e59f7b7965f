import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { DlqHeaders, DLQ_SUFFIX, type BatchStat } from '@sluice/contracts';
import type { TaskFactory, Topology } from '@sluice/streaming';
import type { DependencyStatus, Logger, SluiceMetrics } from '@sluice/observability';
import { headersToRecord } from '../headers';
import { PartitionTask, PartitionTaskContext, TaskBatchResult, TaskStoreStats } from './partition-task';
import type { RecordBatchLimits } from './record-batch-limits';
import { StallDetector } from './stall-detector';
import type { StateSnapshots } from './state-snapshots';
import { TaskFencedError } from './task-producer';
import { type Ownership, partitionOwnership } from './task-ownership';
import { TaskHealth } from './task-health';

/** Micro-batches kept for {@link MicroBatchRuntime.stats} (the console's timeline). */
export const BATCH_HISTORY = 100;

/** Read-only figures of a runtime for its status record (see `libs/console`). */
export interface RuntimeStats {
  group: string;
  batchIntervalMs: number;
  /** The last {@link BATCH_HISTORY} committed micro-batches, oldest first (the status record's shape). */
  batches: BatchStat[];
  tasks: Array<{ id: string; topic: string; partition: number; status: string; restoreMs: number | null; stores: TaskStoreStats[] }>;
  /** Records behind the watermark since start, by input topic (dead-lettered or dropped). */
  lateRecords: Record<string, number>;
  /**
   * Watermark (ms) of each event-time operator on this instance, by operator name: the least
   * advanced of its tasks (each partition's task keeps its own watermark), as the job's progress.
   */
  watermarks: Record<string, number>;
}

export interface MicroBatchRuntimeOptions {
  kafka: Kafka;
  topology: Topology;
  /** Trigger interval of source topics (ms). */
  batchIntervalMs: number;
  /** Buffered records above which fetching waits for the next micro-batch (backpressure). */
  maxBufferedRecords: number;
  transactionTimeoutMs: number;
  /** Consumer group session timeout (ms, default 30000); heartbeats go every third of it, at most every 3 s. */
  sessionTimeoutMs?: number;
  /** Record batch limits of the broker and topics (see `loadRecordBatchLimits`). */
  limits: RecordBatchLimits;
  /** Pending work without progress for longer than this (ms) fails liveness; at least 2 batch intervals are allowed. */
  stallTimeoutMs: number;
  /**
   * Called once when the consumer crashed for good (kafkajs CRASH with `restart: false`): the
   * runtime no longer consumes, and the service should exit non-zero so its supervisor restarts it.
   */
  onFatal?: (error: Error) => void;
  /** Service name on dead-letter records (default `processor`). */
  service?: string;
  /**
   * Task snapshots (`PROCESSOR_STATE_DIR`): written for every running task at a clean stop, read
   * when a task opens so only the changelog's tail is restored. None: every open restores in full.
   */
  snapshots?: StateSnapshots;
  /**
   * With `snapshots`: a running task also writes its snapshot after a micro-batch when its last
   * one is older than this (ms) and its state changed, so the owner after a `kill -9` restores
   * about this much changelog at most; 0 = only at a clean stop and when a rebalance takes it.
   */
  snapshotIntervalMs?: number;
  logger: Logger;
  metrics: SluiceMetrics;
  clock?: () => number;
}

/**
 * Drives a {@link Topology} on Kafka with exactly-once micro-batches.
 *
 * - One consumer in the group `applicationId` (read_committed) subscribes to every task topic;
 *   its assignment decides which tasks (input partitions) this instance runs, so instances split
 *   the partitions and a rebalance moves tasks between them.
 * - Records are buffered per task. Every `batchIntervalMs` (Spark's processing-time trigger;
 *   when a batch overruns, the next starts at once) each task processes its buffer and commits
 *   outputs + changelog + input offset in one transaction, cut into produce requests under the
 *   broker's `max.message.bytes`. Internal (repartition) tasks also run as soon as records
 *   arrive, so the shuffle adds no extra interval of latency.
 * - A newly assigned task first fences the previous owner, restores its state from the
 *   changelog and seeks to the committed offset; only then does it accept records. With
 *   `snapshots`, a clean stop writes each running task's stores and changelog positions to a
 *   file (so does a running task every `snapshotIntervalMs`, and a task a rebalance takes away as
 *   it closes), and the next open of that task (on any
 *   instance that reads the same directory) loads it and restores only the changelog records
 *   written after it (Kafka Streams' local state and checkpoint file).
 * - A task that failed (fenced producer, expired or refused transaction, failed open) is closed
 *   and reopened while the partition stays assigned, after a backoff of 250 ms doubling to 10 s
 *   per consecutive failure: a new InitProducerId on its transactional id, state reloaded from
 *   the changelog, input re-read from the committed offset, so nothing is lost or counted twice.
 *   It reopens only while the group coordinator assigns its partition to this member
 *   (DescribeGroups): a task fenced by a new owner after a rebalance, or by one that took over
 *   while this member was evicted, waits (not running, readiness says why) and is dropped at this
 *   instance's next GROUP_JOIN, instead of fencing the owner back.
 * - {@link readiness} names every assigned task that is not running and why; {@link liveness}
 *   fails when work has waited longer than `stallTimeoutMs` without progress.
 */
export class MicroBatchRuntime {
  private readonly consumer: Consumer;
  private readonly tasks = new Map<string, PartitionTask>();
  private readonly clock: () => number;
  private readonly sessionTimeoutMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly health = new TaskHealth();
  private readonly stall: StallDetector;
  private readonly taskContext: PartitionTaskContext;
  private running = false;
  private joined = false;
  /** This member's id in the group, from its last GROUP_JOIN (for {@link partitionOwnership}). */
  private memberId: string | undefined;
  private crashed: Error | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private internalPending = false;
  private drained: Array<() => void> = [];
  private readonly log: Logger;
  private readonly batchHistory: BatchStat[] = [];
  private readonly lateByTopic: Record<string, number> = {};

  constructor(private readonly o: MicroBatchRuntimeOptions) {
    this.clock = o.clock ?? Date.now;
    this.sessionTimeoutMs = o.sessionTimeoutMs ?? 30000;
    this.heartbeatIntervalMs = Math.min(3000, Math.floor(this.sessionTimeoutMs / 3));
    this.log = o.logger.child({ context: MicroBatchRuntime.name });
    this.stall = new StallDetector(Math.max(o.stallTimeoutMs, 2 * o.batchIntervalMs), this.clock());
    this.taskContext = {
      kafka: o.kafka,
      applicationId: o.topology.applicationId,
      transactionTimeoutMs: o.transactionTimeoutMs,
      limits: o.limits,
      service: o.service ?? 'processor',
      logger: o.logger,
      clock: this.clock,
      snapshots: o.snapshots,
    };
    this.consumer = o.kafka.consumer({
      groupId: o.topology.applicationId,
      readUncommitted: false,
      sessionTimeout: this.sessionTimeoutMs,
      rebalanceTimeout: 60000,
      heartbeatInterval: this.heartbeatIntervalMs,
      maxWaitTimeInMs: Math.min(100, o.batchIntervalMs),
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
    });
  }

  /** Tasks this instance runs, by id `<topic>-<partition>`, and their status. */
  taskStatuses(): Record<string, string> {
    return Object.fromEntries([...this.tasks].map(([id, t]) => [id, t.status]));
  }

  /** Read-only figures for the status record: recent micro-batches, tasks and their stores, late records. */
  stats(): RuntimeStats {
    return {
      group: this.o.topology.applicationId,
      batchIntervalMs: this.o.batchIntervalMs,
      batches: [...this.batchHistory],
      tasks: [...this.tasks.values()].map((t) => ({ id: t.id, topic: t.factory.topic, partition: t.partition, status: t.status, restoreMs: t.restoreMs, stores: t.storeStats() })),
      lateRecords: { ...this.lateByTopic },
      watermarks: leastWatermarks([...this.tasks.values()].map((t) => t.watermarks())),
    };
  }

  /** True once the consumer joined the group and every assigned task finished opening. */
  isReady(): boolean {
    return this.readiness().up;
  }

  /**
   * Readiness: up once the consumer joined its group and every assigned task runs; down with a
   * detail naming the consumer's crash or each task that is not running (`task signals-2 opening since 12 s: <last error>`).
   */
  readiness(): DependencyStatus {
    if (this.crashed) return { up: false, detail: `consumer crashed: ${this.crashed.message}` };
    if (!this.running) return { up: false, detail: 'not consuming' };
    if (!this.joined) return { up: false, detail: `consumer group ${this.o.topology.applicationId} not joined yet` };
    return this.health.status(this.clock());
  }

  /** Liveness: down when work waited longer than the stall timeout without progress, or the consumer crashed for good. */
  liveness(): DependencyStatus {
    if (this.crashed) return { up: false, detail: `consumer crashed: ${this.crashed.message}` };
    return this.stall.status(this.clock());
  }

  /** Joins the group and starts the micro-batch loop. @throws when Kafka cannot be reached */
  async start(): Promise<void> {
    const factories = new Map(this.o.topology.factories.map((f) => [f.topic, f]));
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.joined = true;
      // A new member id means this instance was evicted and joined again: another member may have
      // run (and fenced) any of its tasks meanwhile, so every one is lost and reopens from the
      // changelog (Kafka Streams' "tasks lost"), not only those it failed to commit.
      const lost = this.memberId !== undefined && this.memberId !== e.payload.memberId;
      this.memberId = e.payload.memberId;
      this.onAssignment(e.payload.memberAssignment as Record<string, number[]>, factories, lost);
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      const { error, restart } = e.payload;
      this.log.error({ err: error, restart }, restart ? 'consumer crashed; kafkajs restarts it' : 'consumer crashed and will not restart');
      if (restart || this.crashed) return;
      this.crashed = error;
      this.o.onFatal?.(error);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...factories.keys()], fromBeginning: true });
    this.running = true;
    await this.consumer.run({ autoCommit: false, partitionsConsumedConcurrently: 1, eachBatch: (p) => this.onFetch(p) });
    this.loopDone = this.loop();
  }

  /**
   * Finishes the in-flight micro-batch (committed), writes the running tasks' snapshots (with
   * `snapshots`), then leaves the group and closes producers.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    this.drained.splice(0).forEach((r) => r());
    await this.loopDone;
    await this.saveSnapshots();
    await this.consumer.disconnect();
    await Promise.all([...this.tasks.values()].map((t) => t.close()));
    this.tasks.clear();
  }

  /**
   * After a task's micro-batch: writes its snapshot when the last one is older than the interval
   * and the state changed since (its changelog positions moved), with no other write of it in
   * flight. An idle task is covered too, so its last commits do not wait for more input to be
   * snapshotted. Taken synchronously here, between two micro-batches of the task, so it is exactly
   * the state at the changelog positions of its last commit.
   */
  private snapshotIfDue(task: PartitionTask): void {
    const { snapshots, snapshotIntervalMs = 0 } = this.o;
    const now = this.clock();
    if (!snapshots || snapshotIntervalMs <= 0 || task.snapshotWriting || now - task.lastSnapshotAt < snapshotIntervalMs) return;
    this.writeSnapshot(task, 'periodic');
  }

  /**
   * Starts writing the task's snapshot (taken synchronously now; nothing when its state did not
   * change since the last one, or the task cannot be snapshotted, e.g. a micro-batch in flight).
   * A failed write is logged: it only costs the next open a longer restore.
   */
  private writeSnapshot(task: PartitionTask, why: 'periodic' | 'revoked'): void {
    const snapshots = this.o.snapshots;
    const positions = task.changelogPositions();
    if (positions === task.snapshotPositions) return;
    const snapshot = snapshots && task.snapshot();
    if (!snapshots || !snapshot) return;
    task.lastSnapshotAt = this.clock();
    task.snapshotPositions = positions;
    task.snapshotWriting = snapshots
      .write(snapshot)
      .catch((err) => this.log.warn({ err, task: task.id, why, dir: snapshots.dir }, 'could not write the task snapshot; a later one, or the changelog, will do'))
      .finally(() => (task.snapshotWriting = undefined));
  }

  /** Writes a snapshot of every running task; a failure is logged and costs the next open a full restore. */
  private async saveSnapshots(): Promise<void> {
    const snapshots = this.o.snapshots;
    if (!snapshots) return;
    const started = this.clock();
    let written = 0;
    let entries = 0;
    for (const task of this.tasks.values()) {
      await task.snapshotWriting; // a periodic write in flight lands first, the final one replaces it
      const snapshot = task.snapshot();
      if (!snapshot) continue;
      try {
        await snapshots.write(snapshot);
        written++;
        entries += snapshot.stores.reduce((n, s) => n + s.entries.length, 0);
      } catch (err) {
        this.log.warn({ err, task: task.id, dir: snapshots.dir }, 'could not write the task snapshot; its next open restores from the changelog');
      }
    }
    this.log.info({ tasks: written, entries, durationMs: this.clock() - started, dir: snapshots.dir }, 'state snapshots written');
  }

  /**
   * Applies the member's assignment: closes the tasks no longer assigned (every task when `lost`,
   * the member having been evicted meanwhile) and those that failed, and opens the missing ones.
   */
  private onAssignment(assignment: Record<string, number[]>, factories: Map<string, TaskFactory>, lost = false): void {
    const wanted = new Set<string>();
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const p of partitions) wanted.add(`${topic}-${p}`);
    }
    if (lost && this.tasks.size) this.log.warn({ tasks: [...this.tasks.keys()] }, 'this member was evicted from its group and joined again: its tasks are lost and reopen from their changelogs');
    for (const [id, task] of this.tasks) {
      if (!wanted.has(id) || task.status === 'closed' || lost) {
        this.tasks.delete(id);
        if (!wanted.has(id)) this.health.removed(id);
        // Handed over in a rebalance: its state goes to the snapshot directory first, so the next
        // owner restores next to nothing (Kafka Streams writes its checkpoint when a task is
        // suspended). Not for a lost task: another member may have run it meanwhile.
        if (!lost && !wanted.has(id)) this.writeSnapshot(task, 'revoked');
        void task.close();
      }
    }
    for (const [topic, partitions] of Object.entries(assignment)) {
      const factory = factories.get(topic);
      if (!factory) continue;
      for (const p of partitions) {
        const id = `${topic}-${p}`;
        if (this.tasks.has(id)) continue;
        this.health.assigned(id, this.clock());
        this.openTask(new PartitionTask(factory, p, this.taskContext));
      }
    }
    this.log.info({ tasks: [...this.tasks.keys()] }, 'assignment changed');
  }

  private openTask(task: PartitionTask): void {
    this.tasks.set(task.id, task);
    const { topic } = task.factory;
    task
      .open(() => this.committedOffset(topic, task.partition), () => this.stall.progress(this.clock()))
      .then((committed) => {
        if (this.tasks.get(task.id) !== task || task.status === 'closed') return;
        task.position = committed;
        this.consumer.seek({ topic, partition: task.partition, offset: String(committed) });
        task.status = 'running';
        this.health.running(task.id, this.clock());
        this.stall.progress(this.clock());
        this.log.info({ task: task.id, offset: committed }, 'task running');
      })
      .catch((err) => this.reopenLater(task, err, 'task failed to open'));
  }

  /** Closes a failed task and opens a fresh one for the same partition after the backoff. */
  private async reopenLater(task: PartitionTask, err: unknown, what: string): Promise<void> {
    if (this.tasks.get(task.id) !== task) {
      await task.close(); // revoked or replaced meanwhile: nothing to reopen
      return;
    }
    const delayMs = this.health.failed(task.id, err, this.clock());
    // Fenced, or a broker answer kafkajs marks retriable (NOT_LEADER on a fresh topic): the reopen
    // handles it, no person needs to act; anything else is an error.
    const expected = err instanceof TaskFencedError || (err as { retriable?: unknown })?.retriable === true;
    this.log[expected ? 'warn' : 'error']({ err, task: task.id, delayMs }, `${what}; reopening it`);
    await task.close();
    if (!this.running || this.tasks.get(task.id) !== task) return;
    const again = new PartitionTask(task.factory, task.partition, this.taskContext);
    setTimeout(() => void this.reopenIfOwned(task, again), delayMs);
  }

  /**
   * Opens `again` in place of the failed `task` if the group coordinator still assigns its
   * partition to this member; otherwise (rebalancing, evicted, another owner) it does not fence the
   * owner, names why in readiness and asks again after the next backoff, until the member's next
   * GROUP_JOIN replaces the task (see {@link partitionOwnership}). A failed lookup reopens, as
   * before the check existed.
   */
  private async reopenIfOwned(task: PartitionTask, again: PartitionTask): Promise<void> {
    const current = () => this.running && this.tasks.get(task.id) === task;
    if (!current()) return;
    const ownership = await this.ownership(task.factory.topic, task.partition).catch((err: unknown): Ownership => {
      this.log.warn({ err, task: task.id }, 'could not ask the group coordinator who owns the task; reopening it');
      return { owned: true };
    });
    if (!current()) return;
    if (ownership.owned) return this.openTask(again);
    const delayMs = this.health.failed(task.id, new Error(`not reopened: ${ownership.why}; waiting for this member's next assignment`), this.clock());
    this.log.info({ task: task.id, why: ownership.why, delayMs }, 'task not reopened: the group does not assign it to this member now');
    setTimeout(() => void this.reopenIfOwned(task, again), delayMs);
  }

  /** Whether the group's current generation assigns a partition to this member (one admin client per lookup, as {@link committedOffset}). */
  private async ownership(topic: string, partition: number): Promise<Ownership> {
    const admin = this.o.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([this.o.topology.applicationId]);
      const group = groups.find((g) => g.groupId === this.o.topology.applicationId);
      return group ? partitionOwnership(group, this.memberId, topic, partition) : { owned: false, why: 'the group is not described' };
    } finally {
      await admin.disconnect();
    }
  }

  /** The group's committed offset of a partition, or its earliest offset (auto.offset.reset=earliest). */
  private async committedOffset(topic: string, partition: number): Promise<number> {
    // An admin client of its own per lookup: a task open never waits behind another's requests
    // (one shared client queued every open behind one slow answer and its metadata lock).
    const admin = this.o.kafka.admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId: this.o.topology.applicationId, topics: [topic] });
      const p = t?.partitions.find((x) => x.partition === partition);
      if (p && Number(p.offset) >= 0) return Number(p.offset);
      const earliest = (await admin.fetchTopicOffsets(topic)).find((x) => x.partition === partition);
      return Number(earliest?.low ?? 0);
    } finally {
      await admin.disconnect();
    }
  }

  private async onFetch({ batch, isRunning, isStale, heartbeat }: EachBatchPayload): Promise<void> {
    const task = this.tasks.get(`${batch.topic}-${batch.partition}`);
    if (!task || task.status !== 'running' || !isRunning() || isStale()) return; // re-read after the seek in openTask
    task.accept(
      batch.messages.map((m) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key,
        value: m.value,
        timestamp: Number(m.timestamp),
        headers: headersToRecord(m.headers),
      })),
    );
    this.o.metrics.recordsIn.inc({ topic: batch.topic }, batch.messages.length);
    if (task.factory.trigger === 'internal') {
      this.internalPending = true;
      this.wake?.();
    }
    // Backpressure: hold the fetch loop until a micro-batch drains the buffers. kafkajs heartbeats
    // only from its fetch loop, so keep the membership alive meanwhile: a micro-batch (or a long
    // batch interval) longer than the session timeout would otherwise evict this instance and
    // move its tasks. A heartbeat answered "rebalancing" throws, and kafkajs re-joins.
    while (this.running && this.totalBuffered() > this.o.maxBufferedRecords) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.heartbeatIntervalMs);
        this.drained.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (this.running && this.totalBuffered() > this.o.maxBufferedRecords) await heartbeat();
    }
  }

  private totalBuffered(): number {
    let n = 0;
    for (const t of this.tasks.values()) n += t.buffered;
    return n;
  }

  private async loop(): Promise<void> {
    const interval = this.o.batchIntervalMs;
    // Source triggers fall on multiples of the interval (Spark's batch times), so every instance
    // cuts the same batch slots and each trigger lands in a slot of its own.
    let nextTick = Math.floor(this.clock() / interval) * interval + interval;
    while (this.running) {
      const wait = nextTick - this.clock();
      if (wait > 0 && !this.internalPending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
      const now = this.clock();
      const sourceTick = now >= nextTick || !this.running;
      // An overrun skips the slots it covered rather than running them back to back.
      if (sourceTick) nextTick = Math.max(nextTick, Math.floor(now / interval) * interval) + interval;
      this.internalPending = false;
      this.stall.observe(this.pendingWork(), this.clock());
      await this.runBatch(sourceTick ? Math.floor(now / interval) * interval : now, sourceTick);
      this.drained.splice(0).forEach((r) => r());
    }
  }

  /** One micro-batch over every running task (internal tasks only, when not a source tick). */
  private async runBatch(batchTimeMs: number, sourceTick: boolean): Promise<void> {
    const tasks = [...this.tasks.values()].filter((t) => t.status === 'running' && (sourceTick || t.factory.trigger === 'internal'));
    const started = this.clock();
    const results = await Promise.all(tasks.map((t) => this.runTask(t, batchTimeMs, sourceTick)));
    const committed = results.filter((r): r is TaskBatchResult => r !== null);
    if (committed.length === 0) return;
    this.stall.progress(this.clock());
    const durationMs = this.clock() - started;
    this.o.metrics.batches.inc();
    this.o.metrics.batchDuration.observe(durationMs / 1000);
    this.log.debug({ batchTime: batchTimeMs, sourceTick, tasks: committed.length, recordsIn: committed.reduce((n, r) => n + r.recordsIn, 0), durationMs }, 'micro-batch committed');
    let recordsOut = 0;
    for (const r of committed) {
      if (r.lateDropped) this.o.metrics.lateRecords.inc({ topic: r.topic }, r.lateDropped);
      let late = r.lateDropped;
      for (const out of r.outputs) {
        if (out.topic.endsWith(DLQ_SUFFIX)) {
          const reason = out.headers?.[DlqHeaders.reason] ?? 'unknown';
          this.o.metrics.dlqRecords.inc({ topic: out.topic, reason });
          if (reason === 'late-record') late++;
        } else {
          this.o.metrics.recordsOut.inc({ topic: out.topic });
          recordsOut++;
        }
      }
      if (late) this.lateByTopic[r.topic] = (this.lateByTopic[r.topic] ?? 0) + late;
    }
    this.batchHistory.push({
      batchTime: batchTimeMs,
      trigger: sourceTick ? 'source' : 'internal',
      recordsIn: committed.reduce((n, r) => n + r.recordsIn, 0),
      recordsOut,
      processingMs: durationMs,
      schedulingDelayMs: sourceTick ? Math.max(0, started - batchTimeMs) : 0,
      commitMs: committed.reduce((m, r) => Math.max(m, r.commitMs), 0),
      tasks: committed.length,
    });
    if (this.batchHistory.length > BATCH_HISTORY) this.batchHistory.shift();
  }

  private async runTask(task: PartitionTask, batchTimeMs: number, sourceTick: boolean): Promise<TaskBatchResult | null> {
    try {
      const result = await task.runBatch(batchTimeMs, this.o.topology.applicationId, sourceTick, this.o.batchIntervalMs);
      if (result) this.health.committed(task.id);
      this.snapshotIfDue(task);
      return result;
    } catch (err) {
      if (this.tasks.get(task.id) !== task) return null;
      // Fenced (a new owner, or this task's own id initialised elsewhere), expired or refused:
      // the transaction is aborted, so the task restarts from its changelog and committed offset.
      await this.reopenLater(task, err, err instanceof TaskFencedError ? 'task fenced' : 'micro-batch transaction failed');
      return null;
    }
  }

  /** Why work is waiting, for the stall detector (undefined = idle). */
  private pendingWork(): string | undefined {
    const notRunning = this.health.notRunning();
    if (notRunning.length) return `task ${notRunning[0]} not running`;
    const buffered = this.totalBuffered();
    return buffered > 0 ? `${buffered} records buffered` : undefined;
  }
}

/** Per operator, the least watermark among the tasks that have one. */
function leastWatermarks(perTask: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of perTask) for (const [op, ms] of Object.entries(w)) out[op] = op in out ? Math.min(out[op], ms) : ms;
  return out;
}
