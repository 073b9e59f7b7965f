import { DynamicModule, Module } from '@nestjs/common';
import { createKafkaClient, KafkaHealthCheck } from '@sluice/kafka';
import { DEPENDENCY_CHECKS, HealthController, Logger, MetricsController, ObservabilityModule, ROOT_LOGGER } from '@sluice/observability';
import { WRITER_KAFKA, WRITER_OPTIONS } from './writer.constants';
import { WriterOptions, WriterService } from './writer.service';

/**
 * The Nest module of a writer app: the app passes its validated config, adapter and decoders;
 * this module wires Kafka, the shared writer loop, `/health` (Kafka + the store) and `/metrics`.
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
        WriterService,
        {
          provide: DEPENDENCY_CHECKS,
          useFactory: (kafka) => [new KafkaHealthCheck(kafka), { name: options.adapter.store, check: () => options.adapter.ping() }],
          inject: [WRITER_KAFKA],
        },
      ],
    };
  }
}
