import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { encodeServiceStatus, ServiceStatus } from '@sluice/contracts';
import { ensureTopics, Kafka, RecordProducer } from '@sluice/kafka';
import { DependencyCheck, DependencyStatus, Logger, runCheck } from '@sluice/observability';
import { buildStatus, StatusDetails, StatusIdentity } from './status-snapshot';

export interface StatusPublisherOptions {
  service: string;
  kafka: Kafka;
  /** Compacted status topic (`STATUS_TOPIC`). */
  topic: string;
  /** Publishing period (ms); 0 = never publish. */
  intervalMs: number;
  replicationFactor: number;
  /** The readiness checks of `/health`, run on every tick. */
  checks: readonly DependencyCheck[];
  /** The service's own figures (partitions, micro-batches, stores), read on every tick. */
  details?: () => StatusDetails;
  logger: Logger;
  clock?: () => number;
}

/** Longest wait for the last (`stopped`) record at shutdown (ms). */
const STOP_SEND_TIMEOUT_MS = 3000;
/** A failing publication is logged at most once per this period (ms). */
const WARN_EVERY_MS = 60_000;

/**
 * Publishes the instance's {@link ServiceStatus} every `intervalMs` to the compacted status topic
 * (created when missing: compacted, one partition), keyed `<service>/<instanceId>`; on stop, a
 * last record with `state: stopped`. Off the hot path: a timer of its own that reads figures the
 * service already keeps, and skips a tick while the previous record is still being sent (a
 * broker outage delays status records, never the service's work). Failures are logged at most
 * once a minute and never thrown.
 */
export class StatusPublisher {
  readonly identity: StatusIdentity;
  private producer: RecordProducer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private lastWarnAt = -Infinity;
  private readonly clock: () => number;
  private readonly log: Logger;

  constructor(private readonly o: StatusPublisherOptions) {
    this.clock = o.clock ?? Date.now;
    this.log = o.logger.child({ context: StatusPublisher.name });
    this.identity = {
      service: o.service,
      instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      host: hostname(),
      pid: process.pid,
      startedAt: this.clock(),
      intervalMs: Math.max(1, o.intervalMs),
    };
  }

  /** Starts the timer; the topic and the producer are set up in the background (never throws). */
  start(): void {
    if (this.o.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.tick(), this.o.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Stops the timer and publishes the last record (`stopped`), waiting at most 3 s for it. */
  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    const deadline = new Promise((r) => (timeout = setTimeout(r, STOP_SEND_TIMEOUT_MS)));
    await Promise.race([this.inFlight, deadline]);
    if (this.producer && !this.inFlight) await Promise.race([this.send('stopped'), deadline]);
    clearTimeout(timeout);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** The record this instance would publish now. */
  async snapshot(state: ServiceStatus['state'] = 'running'): Promise<ServiceStatus> {
    const checks = state === 'running' ? await Promise.all(this.o.checks.map(async (c) => [c.name, await this.boundedCheck(c)] as const)) : [];
    let details: StatusDetails = {};
    try {
      details = this.o.details?.() ?? {};
    } catch (err) {
      this.warn(err, 'status details failed');
    }
    return buildStatus(this.identity, checks, details, this.clock(), state);
  }

  /** A check that has not answered within one period counts as down, so a record is never held up by it. */
  private async boundedCheck(c: DependencyCheck): Promise<DependencyStatus> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<DependencyStatus>((r) => (timer = setTimeout(() => r({ up: false, detail: `no answer within ${this.identity.intervalMs} ms` }), this.identity.intervalMs)));
    try {
      return await Promise.race([runCheck(c), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.send('running').finally(() => (this.inFlight = undefined));
  }

  private async send(state: ServiceStatus['state']): Promise<void> {
    try {
      if (!this.producer) {
        await ensureTopics(this.o.kafka, [{ name: this.o.topic, partitions: 1, replicationFactor: this.o.replicationFactor, cleanupPolicy: 'compact' }], 10_000);
        this.producer = await RecordProducer.connect(this.o.kafka);
      }
      const { key, value } = encodeServiceStatus(await this.snapshot(state));
      await this.producer.send(this.o.topic, [{ key, value }]);
    } catch (err) {
      this.warn(err, 'status record not published; retrying at the next tick');
    }
  }

  private warn(err: unknown, msg: string): void {
    const now = this.clock();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.log.warn({ err, topic: this.o.topic }, msg);
  }
}
