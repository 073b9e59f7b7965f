import { randomBytes } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { ConsoleFeed, statusProviders } from '@sluice/console';
import { createKafkaClient, KafkaHealthCheck } from '@sluice/kafka';
import { DEPENDENCY_CHECKS, HealthController, Logger, MetricsController, ObservabilityModule, ROOT_LOGGER, SluiceMetrics } from '@sluice/observability';
import { ConsoleController } from './console.controller';
import type { ConsoleAppConfig } from './console.config';
import { CONSOLE_CONFIG, CONSOLE_FEED, CONSOLE_KAFKA } from './console.constants';
import { ConsoleService } from './console.service';

@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleAppConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [ObservabilityModule.forService('console', config.http.logLevel)],
      controllers: [HealthController, MetricsController, ConsoleController],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        { provide: CONSOLE_KAFKA, useFactory: (logger: Logger) => createKafkaClient(config.kafka, 'console', logger), inject: [ROOT_LOGGER] },
        {
          provide: CONSOLE_FEED,
          useFactory: (kafka, logger: Logger, metrics: SluiceMetrics) =>
            new ConsoleFeed({
              kafka,
              statusTopic: config.status.topic,
              groupId: `${config.console.groupPrefix}-${randomBytes(6).toString('hex')}`,
              lagIntervalMs: config.console.lagIntervalMs,
              forgetAfterMs: config.console.forgetAfterMs,
              partitions: config.kafka.partitions,
              replicationFactor: config.kafka.replicationFactor,
              maxRecordBytes: config.kafka.maxRecordBytes,
              logger,
              metrics,
            }),
          inject: [CONSOLE_KAFKA, ROOT_LOGGER, SluiceMetrics],
        },
        ConsoleService,
        ...statusProviders({ service: 'console', kafka: CONSOLE_KAFKA, kafkaConfig: config.kafka, status: config.status }),
        {
          provide: DEPENDENCY_CHECKS,
          useFactory: (kafka, feed: ConsoleFeed) => [new KafkaHealthCheck(kafka), { name: 'feed', check: async () => feed.health() }],
          inject: [CONSOLE_KAFKA, CONSOLE_FEED],
        },
      ],
    };
  }
}
