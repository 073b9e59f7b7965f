import { DynamicModule, Module } from '@nestjs/common';
import { statusProviders } from '@sluice/console';
import { createKafkaClient, KafkaHealthCheck } from '@sluice/kafka';
import { DEPENDENCY_CHECKS, HealthController, LIVENESS_CHECKS, Logger, MetricsController, ObservabilityModule, ROOT_LOGGER } from '@sluice/observability';
import { buildTopology } from '@sluice/jobs';
import { KAFKA_CLIENT, PROCESSOR_CONFIG, TOPOLOGY } from './processor.constants';
import type { ProcessorAppConfig } from './processor.config';
import { ProcessorService } from './processor.service';

@Module({})
export class ProcessorModule {
  static forRoot(config: ProcessorAppConfig): DynamicModule {
    return {
      module: ProcessorModule,
      imports: [ObservabilityModule.forService('processor', config.http.logLevel)],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PROCESSOR_CONFIG, useValue: config },
        { provide: KAFKA_CLIENT, useFactory: (logger: Logger) => createKafkaClient(config.kafka, 'processor', logger), inject: [ROOT_LOGGER] },
        {
          provide: TOPOLOGY,
          useValue: buildTopology(config.processor, { maxRecordBytes: config.kafka.maxRecordBytes, maxEventTimeSkewMs: config.kafka.maxEventTimeSkewMs }),
        },
        ProcessorService,
        ...statusProviders({ service: 'processor', kafka: KAFKA_CLIENT, kafkaConfig: config.kafka, status: config.status, source: ProcessorService }),
        {
          provide: DEPENDENCY_CHECKS,
          useFactory: (kafka, service: ProcessorService) => [
            new KafkaHealthCheck(kafka),
            { name: 'tasks', check: async () => service.readiness() },
          ],
          inject: [KAFKA_CLIENT, ProcessorService],
        },
        {
          provide: LIVENESS_CHECKS,
          useFactory: (service: ProcessorService) => [{ name: 'progress', check: async () => service.liveness() }],
          inject: [ProcessorService],
        },
      ],
    };
  }
}
