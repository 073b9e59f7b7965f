import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { KafkaConfig, StatusConfig, WriterConfig } from '@sluice/config';
import type { StatusDetails, StatusSource } from '@sluice/console';
import { dlqTopic } from '@sluice/contracts';
import { BatchConsumer, ensureTopics, RecordProducer } from '@sluice/kafka';
import { Logger, ROOT_LOGGER, SluiceMetrics } from '@sluice/observability';
import { connectStore } from './connect-store';
import { CatchUpAction, CatchUpPriority } from './catch-up-priority';
import { StoreAdapter } from './store-adapter';
import { StoreWriteStatus } from './store-write-status';
import { ResultDecoder, StoreWriter } from './store-writer';
import { WRITER_KAFKA, WRITER_OPTIONS, WRITER_STATUS } from './writer.constants';

/** What a writer app supplies: its store adapter, the topics it reads and their decoders. */
export interface WriterOptions<T = unknown> {
  service: string;
  kafka: KafkaConfig;
  writer: WriterConfig;
  /** The status record for the console (default: `STATUS_*` defaults). */
  status?: StatusConfig;
  adapter: StoreAdapter<T>;
  decoders: ReadonlyMap<string, ResultDecoder<T>>;
  /** Topics of running results, read first when the writer is behind (default: none). */
  runningTopics?: ReadonlySet<string>;
}

/**
 * Runs one writer: creates its input and DLQ topics when missing, connects the store (retrying
 * until it answers; stopping when it refuses the credentials, see {@link connectStore}), then
 * consumes result topics in batches through {@link StoreWriter} and commits offsets after each
 * acknowledged write. While a running result is more than `WRITER_CATCH_UP_LAG` records behind,
 * the other topics are paused ({@link CatchUpPriority}). SIGTERM lets the in-flight batch finish.
 */
@Injectable()
export class WriterService implements OnApplicationBootstrap, OnApplicationShutdown, StatusSource {
  private consumer: BatchConsumer | undefined;
  private dlq: RecordProducer | undefined;
  private readonly log: Logger;

  constructor(
    @Inject(WRITER_OPTIONS) private readonly o: WriterOptions,
    @Inject(WRITER_KAFKA) private readonly kafka: Kafka,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly metrics: SluiceMetrics,
    @Inject(WRITER_STATUS) private readonly status: StoreWriteStatus,
  ) {
    this.log = logger.child({ context: WriterService.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    const topics = [...this.o.decoders.keys()];
    await ensureTopics(
      this.kafka,
      [...topics, ...topics.map(dlqTopic)].map((name) => ({ name, partitions: this.o.kafka.partitions, replicationFactor: this.o.kafka.replicationFactor })),
    );
    await connectStore(this.o.adapter, this.o.writer, this.log);
    this.dlq = await RecordProducer.connect(this.kafka, { logger: this.log });
    const writer = new StoreWriter({
      adapter: this.o.adapter,
      decoders: this.o.decoders,
      dlq: this.dlq,
      service: this.o.service,
      batchSize: this.o.writer.batchSize,
      retryInitialMs: this.o.writer.retryInitialMs,
      retryMaxMs: this.o.writer.retryMaxMs,
      logger: this.log,
      metrics: this.metrics,
      status: this.status,
    });
    const priority = new CatchUpPriority(this.o.runningTopics ?? new Set(), this.o.writer.catchUpLag);
    const deferred = priority.deferred(topics);
    const apply = (action: CatchUpAction) => {
      if (action === 'pause') {
        this.log.info({ behind: priority.lagging(), paused: deferred }, 'running results behind: pausing the windowed topics until they catch up');
        this.consumer?.pause(deferred);
      } else if (action === 'resume') {
        this.log.info({ resumed: deferred }, 'running results caught up: resuming the windowed topics');
        this.consumer?.resume(deferred);
      }
    };
    this.consumer = new BatchConsumer({
      kafka: this.kafka,
      groupId: this.o.writer.groupId,
      topics,
      logger: this.log,
      partitionsConsumedConcurrently: this.o.adapter.maxConcurrentBatches ?? 1,
      maxBytesPerPartition: this.o.writer.maxPartitionFetchBytes,
      onFatal: (err) => {
        this.log.fatal({ err }, 'consumer crashed for good; exiting so the service is restarted');
        process.exit(1);
      },
      afterBatch: (b) => apply(priority.observe(b.topic, b.partition, b.lag)),
      onAssignment: () => apply(priority.reset()),
      handle: (records, ctx) => {
        this.metrics.recordsIn.inc({ topic: records[0].topic }, records.length);
        return writer.handle(records, ctx);
      },
    });
    await this.consumer.start();
  }

  /** Read-only figures for the status record: group, assigned partitions, whether writes wait on the store. */
  statusDetails(): StatusDetails {
    return {
      group: this.o.writer.groupId,
      partitions: this.consumer?.assignment() ?? [],
      writer: { store: this.o.adapter.store, paused: this.status.isPaused },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.dlq?.disconnect();
    await this.o.adapter.close();
  }
}
