import { DynamicModule, Module } from '@nestjs/common';
import { statusConfig } from '@sluice/config';
import { statusProviders } from '@sluice/console';
import { createKafkaClient, KafkaHealthCheck } from '@sluice/kafka';
import { DEPENDENCY_CHECKS, HealthController, Logger, MetricsController, ObservabilityModule, ROOT_LOGGER, SluiceMetrics } from '@sluice/observability';
import { StoreWriteStatus } from './store-write-status';
import { WRITER_KAFKA, WRITER_OPTIONS, WRITER_STATUS } from './writer.constants';
import { WriterOptions, WriterService } from './writer.service';

/**
 * The Nest module of a writer app: the app passes its validated config, adapter and decoders;
 * this module wires Kafka, the shared writer loop, `/health` (Kafka + the store: down while writes
 * wait on it, with its reason, see {@link StoreWriteStatus}) and `/metrics`.
 */
@Module({})
export class WriterModule {
  static forRoot(options: WriterOptions, logLevel: string): DynamicModule {
    return {
      module: WriterModule,
      imports: [ObservabilityModule.forService(options.service, logLevel)],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: WRITER_OPTIONS, useValue: options },
        { provide: WRITER_KAFKA, useFactory: (logger: Logger) => createKafkaClient(options.kafka, options.service, logger), inject: [ROOT_LOGGER] },
        {
          provide: WRITER_STATUS,
          useFactory: (metrics: SluiceMetrics) => new StoreWriteStatus(options.adapter.store, () => options.adapter.ping(), metrics.registry),
          inject: [SluiceMetrics],
        },
        WriterService,
        ...statusProviders({ service: options.service, kafka: WRITER_KAFKA, kafkaConfig: options.kafka, status: options.status ?? statusConfig.build({}, []), source: WriterService }),
        {
          provide: DEPENDENCY_CHECKS,
          useFactory: (kafka, status: StoreWriteStatus) => [new KafkaHealthCheck(kafka), status],
          inject: [WRITER_KAFKA, WRITER_STATUS],
        },
      ],
    };
  }
}
