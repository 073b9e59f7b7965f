import { DynamicModule, Module } from '@nestjs/common';
import { statusProviders } from '@sluice/console';
import { createKafkaClient, KafkaHealthCheck } from '@sluice/kafka';
import { DEPENDENCY_CHECKS, HealthController, Logger, MetricsController, ObservabilityModule, ROOT_LOGGER } from '@sluice/observability';
import type { ProducerAppConfig } from './producer.config';
import { PRODUCER_CONFIG, PRODUCER_KAFKA } from './producer.constants';
import { ProducerService } from './producer.service';

@Module({})
export class ProducerModule {
  static forRoot(config: ProducerAppConfig): DynamicModule {
    return {
      module: ProducerModule,
      imports: [ObservabilityModule.forService('producer', config.http.logLevel)],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PRODUCER_CONFIG, useValue: config },
        { provide: PRODUCER_KAFKA, useFactory: (logger: Logger) => createKafkaClient(config.kafka, 'producer', logger), inject: [ROOT_LOGGER] },
        ProducerService,
        ...statusProviders({ service: 'producer', kafka: PRODUCER_KAFKA, kafkaConfig: config.kafka, status: config.status }),
        { provide: DEPENDENCY_CHECKS, useFactory: (kafka) => [new KafkaHealthCheck(kafka)], inject: [PRODUCER_KAFKA] },
      ],
    };
  }
}
