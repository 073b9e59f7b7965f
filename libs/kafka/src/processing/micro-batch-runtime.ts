import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { DlqHeaders, DLQ_SUFFIX } from '@sluice/contracts';
import type { Topology } from '@sluice/streaming';
import type { Logger, SluiceMetrics } from '@sluice/observability';
import { headersToRecord } from '../headers';
import { PartitionTask, TaskBatchResult } from './partition-task';
import { TaskFencedError } from './task-producer';

export interface MicroBatchRuntimeOptions {
  kafka: Kafka;
  topology: Topology;
  /** Trigger interval of source topics (ms). */
  batchIntervalMs: number;
  /** Buffered records above which fetching waits for the next micro-batch (backpressure). */
  maxBufferedRecords: number;
  transactionTimeoutMs: number;
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
 *   outputs + changelog + input offset in one transaction. Internal (repartition) tasks also run
 *   as soon as records arrive, so the shuffle adds no extra interval of latency.
 * - A newly assigned task first fences the previous owner, restores its state from the
 *   changelog and seeks to the committed offset; only then does it accept records.
 * - A failed transaction resets the task (state reloaded from the changelog, input re-read from
 *   the committed offset): nothing is lost or counted twice.
 */
export class MicroBatchRuntime {
  private readonly consumer: Consumer;
  private readonly tasks = new Map<string, PartitionTask>();
  private readonly clock: () => number;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private internalPending = false;
  private drained: Array<() => void> = [];
  private readonly log: Logger;

  constructor(private readonly o: MicroBatchRuntimeOptions) {
    this.clock = o.clock ?? Date.now;
    this.log = o.logger.child({ context: MicroBatchRuntime.name });
    this.consumer = o.kafka.consumer({
      groupId: o.topology.applicationId,
      readUncommitted: false,
      sessionTimeout: 30000,
      rebalanceTimeout: 60000,
      heartbeatInterval: 3000,
      maxWaitTimeInMs: Math.min(100, o.batchIntervalMs),
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
    });
  }

  /** Tasks this instance runs, by id `<topic>-<partition>`, and their status. */
  taskStatuses(): Record<string, string> {
    return Object.fromEntries([...this.tasks].map(([id, t]) => [id, t.status]));
  }

  /** True once the consumer joined the group and every assigned task finished opening. */
  isReady(): boolean {
    return this.running && this.joined && [...this.tasks.values()].every((t) => t.status === 'running');
  }
  private joined = false;

  /** Joins the group and starts the micro-batch loop. @throws when Kafka cannot be reached */
  async start(): Promise<void> {
    const factories = new Map(this.o.topology.factories.map((f) => [f.topic, f]));
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.joined = true;
      this.onAssignment(e.payload.memberAssignment as Record<string, number[]>, factories);
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => this.log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed'));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...factories.keys()], fromBeginning: true });
    this.running = true;
    await this.consumer.run({ autoCommit: false, partitionsConsumedConcurrently: 1, eachBatch: (p) => this.onFetch(p) });
    this.loopDone = this.loop();
  }

  /** Finishes the in-flight micro-batch (committed), then leaves the group and closes producers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    this.drained.splice(0).forEach((r) => r());
    await this.loopDone;
    await this.consumer.disconnect();
    await Promise.all([...this.tasks.values()].map((t) => t.close()));
    this.tasks.clear();
  }

  private onAssignment(assignment: Record<string, number[]>, factories: Map<string, import('@sluice/streaming').TaskFactory>): void {
    const wanted = new Set<string>();
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const p of partitions) wanted.add(`${topic}-${p}`);
    }
    for (const [id, task] of this.tasks) {
      if (!wanted.has(id) || task.status === 'closed') {
        this.tasks.delete(id);
        void task.close();
      }
    }
    for (const [topic, partitions] of Object.entries(assignment)) {
      const factory = factories.get(topic);
      if (!factory) continue;
      for (const p of partitions) {
        if (!this.tasks.has(`${topic}-${p}`)) this.openTask(new PartitionTask(factory, p, this.o.kafka, this.o.topology.applicationId, this.o.transactionTimeoutMs, this.log));
      }
    }
    this.log.info({ tasks: [...this.tasks.keys()] }, 'assignment changed');
  }

  private openTask(task: PartitionTask, attempt = 0): void {
    this.tasks.set(task.id, task);
    const { topic } = task.factory;
    task
      .open(() => this.committedOffset(topic, task.partition))
      .then((committed) => {
        if (this.tasks.get(task.id) !== task || task.status === 'closed') return;
        task.position = committed;
        this.consumer.seek({ topic, partition: task.partition, offset: String(committed) });
        task.status = 'running';
        this.log.info({ task: task.id, offset: committed }, 'task running');
      })
      .catch(async (err) => {
        this.log.warn({ err, task: task.id, attempt }, 'task failed to open; retrying');
        await task.close();
        if (!this.running || this.tasks.get(task.id) !== task) return;
        const again = new PartitionTask(task.factory, task.partition, this.o.kafka, this.o.topology.applicationId, this.o.transactionTimeoutMs, this.log);
        setTimeout(() => {
          if (this.running && this.tasks.get(task.id) === task) this.openTask(again, attempt + 1);
        }, Math.min(10000, 200 * 2 ** attempt));
      });
  }

  /** The group's committed offset of a partition, or its earliest offset (auto.offset.reset=earliest). */
  private async committedOffset(topic: string, partition: number): Promise<number> {
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

  private async onFetch({ batch, isRunning, isStale }: EachBatchPayload): Promise<void> {
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
    while (this.running && this.totalBuffered() > this.o.maxBufferedRecords) {
      await new Promise<void>((resolve) => this.drained.push(resolve));
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
    const durationMs = this.clock() - started;
    this.o.metrics.batches.inc();
    this.o.metrics.batchDuration.observe(durationMs / 1000);
    this.log.debug({ batchTime: batchTimeMs, sourceTick, tasks: committed.length, recordsIn: committed.reduce((n, r) => n + r.recordsIn, 0), durationMs }, 'micro-batch committed');
    for (const r of committed) {
      if (r.lateDropped) this.o.metrics.lateRecords.inc({ topic: r.topic }, r.lateDropped);
      for (const out of r.outputs) {
        if (out.topic.endsWith(DLQ_SUFFIX)) this.o.metrics.dlqRecords.inc({ topic: out.topic, reason: out.headers?.[DlqHeaders.reason] ?? 'unknown' });
        else this.o.metrics.recordsOut.inc({ topic: out.topic });
      }
    }
  }

  private async runTask(task: PartitionTask, batchTimeMs: number, sourceTick: boolean): Promise<TaskBatchResult | null> {
    try {
      return await task.runBatch(batchTimeMs, this.o.topology.applicationId, sourceTick, this.o.batchIntervalMs);
    } catch (err) {
      if (this.tasks.get(task.id) !== task) return null;
      if (err instanceof TaskFencedError) {
        // Another instance owns this partition now; our next GROUP_JOIN drops or reopens it.
        this.log.warn({ task: task.id }, 'task fenced by another instance; waiting for the rebalance');
        await task.close();
        return null;
      }
      this.log.error({ err, task: task.id }, 'micro-batch transaction failed; resetting the task from its changelog');
      await task.close();
      if (this.running) this.openTask(new PartitionTask(task.factory, task.partition, this.o.kafka, this.o.topology.applicationId, this.o.transactionTimeoutMs, this.log));
      return null;
    }
  }
}
