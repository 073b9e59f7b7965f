import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import { dlqTopic, DLQ_SUFFIX, Topics } from '@sluice/contracts';
import { ensureTopics, headersToRecord, Kafka } from '@sluice/kafka';
import type { DependencyStatus, Logger, SluiceMetrics } from '@sluice/observability';
import { ConsoleSnapshot, consoleSnapshot } from './console-snapshot';
import { DataBook, DATA_TOPICS } from './panels/data-panels';
import { DeadLetterBook } from './panels/dead-letters';
import { InstanceBook } from './panels/instances';
import { GroupOffsets, LagTracker } from './panels/lag';

export interface ConsoleFeedOptions {
  kafka: Kafka;
  /** The compacted status topic (`STATUS_TOPIC`). */
  statusTopic: string;
  /** The console's own consumer group (one per console instance; never committed). */
  groupId: string;
  lagIntervalMs: number;
  forgetAfterMs: number;
  /** Partitions and replication of the topics it creates when missing (as the other services do). */
  partitions: number;
  replicationFactor: number;
  maxRecordBytes: number;
  logger: Logger;
  metrics: SluiceMetrics;
  clock?: () => number;
}

/** Records per partition of each Data topic read back at start-up (then the page follows the end). */
export const DATA_TAIL_RECORDS = 300;

/** The DLQ topics the console reads: one per contract topic. */
export const DEAD_LETTER_TOPICS: readonly string[] = Object.values(Topics).map(dlqTopic);

/**
 * What the web console knows, kept current from Kafka:
 * - two consumers (groups `<groupId>-status` and `<groupId>-records`, offsets never committed):
 *   one reads the status topic from the beginning, the other every DLQ topic from the beginning
 *   and the topics of the Data panel from their last {@link DATA_TAIL_RECORDS} records per partition;
 * - every `lagIntervalMs`, the Kafka admin API's committed offsets of each consumer group named in
 *   a status record, against its topics' end offsets (lag per partition, exported as
 *   `sluice_consumer_lag_records{group,topic,partition}`).
 * Records that do not decode are counted and skipped; a broker outage is retried by kafkajs and
 * shown by {@link health}.
 */
export class ConsoleFeed {
  readonly instances = new InstanceBook();
  readonly lag = new LagTracker();
  readonly deadLetters = new DeadLetterBook();
  readonly data = new DataBook();
  private readonly consumers: Consumer[] = [];
  private admin: Admin | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private lagInFlight = false;
  private lagError: string | undefined;
  private running = false;
  private crashed: string | undefined;
  private cached: { at: number; snapshot: ConsoleSnapshot } | undefined;
  private readonly clock: () => number;
  private readonly log: Logger;

  constructor(private readonly o: ConsoleFeedOptions) {
    this.clock = o.clock ?? Date.now;
    this.log = o.logger.child({ context: ConsoleFeed.name });
  }

  /** Creates missing topics, joins with its own group and starts the lag reads. @throws when Kafka cannot be reached */
  async start(): Promise<void> {
    const spec = (name: string) => ({ name, partitions: this.o.partitions, replicationFactor: this.o.replicationFactor });
    await ensureTopics(this.o.kafka, [
      { name: this.o.statusTopic, partitions: 1, replicationFactor: this.o.replicationFactor, cleanupPolicy: 'compact' as const },
      ...DATA_TOPICS.map(spec),
      ...DEAD_LETTER_TOPICS.map(spec),
    ]);
    this.admin = this.o.kafka.admin();
    await this.admin.connect();
    // Two consumers, so the Services panel keeps its status records when a DLQ or result topic is
    // deleted under the console (the test suites reset them) and its consumer restarts.
    const status = this.consumer('status', { maxWaitTimeInMs: 250 });
    // Fetches wait for 64 KB or 500 ms: during a burst of results the console fetches a few times a
    // second, not as often as the broker answers (it shows them once per push interval anyway).
    const consumer = this.consumer('records', { minBytes: 64 * 1024, maxWaitTimeInMs: 500 });
    await Promise.all([status.connect(), consumer.connect()]);
    await status.subscribe({ topics: [this.o.statusTopic], fromBeginning: true });
    await consumer.subscribe({ topics: [...DEAD_LETTER_TOPICS], fromBeginning: true });
    await consumer.subscribe({ topics: [...DATA_TOPICS], fromBeginning: false });
    await status.run({ autoCommit: false, eachBatch: async (p) => this.onBatch(p) });
    await consumer.run({ autoCommit: false, partitionsConsumedConcurrently: 2, eachBatch: async (p) => this.onBatch(p) });
    // The Data panel starts from the last records of each partition rather than empty.
    for (const topic of DATA_TOPICS) {
      for (const p of await this.admin.fetchTopicOffsets(topic)) {
        const from = Math.max(Number(p.low), Number(p.high) - DATA_TAIL_RECORDS);
        if (from < Number(p.high)) consumer.seek({ topic, partition: p.partition, offset: String(from) });
      }
    }
    this.running = true;
    this.lagTimer = setInterval(() => void this.readLag(), this.o.lagIntervalMs);
    void this.readLag();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.lagTimer) clearInterval(this.lagTimer);
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.admin?.disconnect();
  }

  /** A consumer of the console's own group `<groupId>-<role>` (offsets never committed), crashes logged. */
  private consumer(role: string, fetch: { minBytes?: number; maxWaitTimeInMs: number }): Consumer {
    const consumer = this.o.kafka.consumer({ groupId: `${this.o.groupId}-${role}`, allowAutoTopicCreation: false, sessionTimeout: 30000, heartbeatInterval: 3000, ...fetch });
    consumer.on(consumer.events.CRASH, (e) => {
      this.log.error({ err: e.payload.error, restart: e.payload.restart, role }, 'console consumer crashed');
      if (!e.payload.restart) this.crashed = e.payload.error.message;
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** Readiness: consuming, and the last lag read answered. */
  health(): DependencyStatus {
    if (this.crashed) return { up: false, detail: `consumer crashed: ${this.crashed}` };
    if (!this.running) return { up: false, detail: 'starting' };
    if (this.lagError) return { up: false, detail: `consumer lag not read: ${this.lagError}` };
    return { up: true };
  }

  /** The page's data, rebuilt at most once per `minAgeMs` however many pages listen. */
  snapshot(minAgeMs = 0): ConsoleSnapshot {
    const now = this.clock();
    if (this.cached && now - this.cached.at < minAgeMs) return this.cached.snapshot;
    const snapshot = consoleSnapshot(this, now, this.o.forgetAfterMs);
    this.cached = { at: now, snapshot };
    return snapshot;
  }

  private async onBatch({ batch }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (const m of batch.messages) {
      const key = m.key?.toString('utf8') ?? null;
      if (topic === this.o.statusTopic) this.instances.apply(key, m.value);
      else if (topic.endsWith(DLQ_SUFFIX)) this.deadLetters.add({ topic, partition, offset: m.offset, timestamp: Number(m.timestamp), key: m.key, value: m.value, headers: headersToRecord(m.headers) });
      else this.data.add(topic, key, m.value, Number(m.timestamp), this.o.maxRecordBytes);
    }
  }

  /** One read of every tracked group's committed offsets against their topics' end offsets. */
  private async readLag(): Promise<void> {
    if (this.lagInFlight || !this.admin) return;
    this.lagInFlight = true;
    try {
      const admin = this.admin;
      const answers: GroupOffsets[] = [];
      const ends = new Map<string, GroupOffsets['ends']>();
      for (const group of this.instances.groups()) {
        const committed = await admin.fetchOffsets({ groupId: group });
        const rows: Array<{ topic: string; partition: number; offset: number }> = [];
        const groupEnds: Array<{ topic: string; partition: number; low: number; high: number }> = [];
        for (const t of committed) {
          if (!t.partitions.some((p) => Number(p.offset) >= 0)) continue;
          for (const p of t.partitions) rows.push({ topic: t.topic, partition: p.partition, offset: Number(p.offset) });
          let e = ends.get(t.topic);
          if (!e) {
            e = (await admin.fetchTopicOffsets(t.topic)).map((x) => ({ topic: t.topic, partition: x.partition, low: Number(x.low), high: Number(x.high) }));
            ends.set(t.topic, e);
          }
          groupEnds.push(...e);
        }
        answers.push({ group, committed: rows, ends: groupEnds });
      }
      const rows = this.lag.record(answers, this.clock());
      this.o.metrics.consumerLag.reset();
      for (const r of rows) this.o.metrics.consumerLag.set({ group: r.group, topic: r.topic, partition: String(r.partition) }, r.lag);
      this.lagError = undefined;
    } catch (err) {
      this.lagError = (err as Error).message;
      this.log.warn({ err }, 'consumer lag read failed; retrying at the next interval');
    } finally {
      this.lagInFlight = false;
    }
  }
}
