import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { StatusDetails } from '@sluice/console';
import { dlqTopic, DLQ_SUFFIX } from '@sluice/contracts';
import { ensureTopics, loadRecordBatchLimits, MicroBatchRuntime, StateSnapshots } from '@sluice/kafka';
import { DependencyStatus, Logger, ROOT_LOGGER, SluiceMetrics } from '@sluice/observability';
import type { Topology } from '@sluice/streaming';
import { KAFKA_CLIENT, PROCESSOR_CONFIG, TOPOLOGY } from './processor.constants';
import type { ProcessorAppConfig } from './processor.config';

/** Provisions the topology's topics, then runs it on Kafka until shutdown. */
@Injectable()
export class ProcessorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private runtime: MicroBatchRuntime | undefined;

  constructor(
    @Inject(PROCESSOR_CONFIG) private readonly config: ProcessorAppConfig,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly metrics: SluiceMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { kafka } = this.config;
    const processor = this.config.processor.runtime;
    const topics = this.topology.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions ?? kafka.partitions,
      replicationFactor: kafka.replicationFactor,
      cleanupPolicy: t.cleanupPolicy,
    }));
    // A result record too large for its topic is dead-lettered on `<output>.dlq`; internal topics have none.
    const internal = `${this.topology.applicationId}-`;
    const dlqs = topics
      .filter((t) => !t.name.startsWith(internal) && !t.name.endsWith(DLQ_SUFFIX))
      .map((t) => ({ ...t, name: dlqTopic(t.name), cleanupPolicy: 'delete' as const }));
    await ensureTopics(this.kafka, [...topics, ...dlqs]);
    const limits = await loadRecordBatchLimits(this.kafka, [...topics, ...dlqs].map((t) => t.name));
    this.logger.info({ context: ProcessorService.name, messageMaxBytes: limits.brokerMaxBytes }, 'record batch limits read from the broker');
    this.runtime = new MicroBatchRuntime({
      kafka: this.kafka,
      topology: this.topology,
      batchIntervalMs: processor.batchIntervalMs,
      maxBufferedRecords: processor.maxBufferedRecords,
      transactionTimeoutMs: processor.transactionTimeoutMs,
      sessionTimeoutMs: processor.sessionTimeoutMs,
      stallTimeoutMs: processor.stallTimeoutMs,
      snapshots: processor.stateDir ? new StateSnapshots(processor.stateDir) : undefined,
      snapshotIntervalMs: processor.snapshotIntervalMs,
      limits,
      logger: this.logger,
      metrics: this.metrics,
      onFatal: (err) => this.exit(err),
    });
    await this.runtime.start();
  }

  /** Readiness: the group was joined and every assigned task runs (else which task, since when, why). */
  readiness(): DependencyStatus {
    return this.runtime?.readiness() ?? { up: false, detail: 'starting' };
  }

  /** Read-only figures for the status record (libs/console): tasks, micro-batches, stores, late records. */
  statusDetails(): StatusDetails {
    const { groupId, batchIntervalMs } = this.config.processor.runtime;
    if (!this.runtime) return { group: groupId, batchIntervalMs };
    const s = this.runtime.stats();
    return {
      group: s.group,
      batchIntervalMs: s.batchIntervalMs,
      partitions: s.tasks.map((t) => ({ topic: t.topic, partition: t.partition, status: t.status })),
      batches: s.batches,
      stores: s.tasks.flatMap((t) => t.stores.map((st) => ({ task: t.id, store: st.store, keys: st.keys, approxBytes: st.approxBytes, restoreMs: t.restoreMs }))),
      lateRecords: s.lateRecords,
      watermarks: s.watermarks,
    };
  }

  /** Liveness: no work waited past PROCESSOR_STALL_TIMEOUT_MS without progress. */
  liveness(): DependencyStatus {
    return this.runtime?.liveness() ?? { up: true };
  }

  /**
   * The consumer will not fetch again: exit non-zero so the supervisor (compose `restart:
   * unless-stopped`, Kubernetes) starts a fresh process; open transactions are aborted by the next
   * owner's InitProducerId, so nothing is lost or counted twice.
   */
  private exit(err: Error): void {
    this.logger.fatal({ context: ProcessorService.name, err }, 'consumer crashed for good; exiting so the service is restarted');
    this.logger.flush?.();
    process.exit(1);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime?.stop();
  }
}
