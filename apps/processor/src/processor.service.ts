import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { ensureTopics, MicroBatchRuntime } from '@sluice/kafka';
import { Logger, ROOT_LOGGER, SluiceMetrics } from '@sluice/observability';
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
    const { kafka, processor } = this.config;
    await ensureTopics(
      this.kafka,
      this.topology.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions ?? kafka.partitions,
        replicationFactor: kafka.replicationFactor,
        cleanupPolicy: t.cleanupPolicy,
      })),
    );
    this.runtime = new MicroBatchRuntime({
      kafka: this.kafka,
      topology: this.topology,
      batchIntervalMs: processor.batchIntervalMs,
      maxBufferedRecords: processor.maxBufferedRecords,
      transactionTimeoutMs: processor.transactionTimeoutMs,
      logger: this.logger,
      metrics: this.metrics,
    });
    await this.runtime.start();
  }

  /** Ready when the group was joined and every assigned task restored its state. */
  isReady(): boolean {
    return this.runtime?.isReady() ?? false;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime?.stop();
  }
}
