import { Inject, Injectable, InjectionToken, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { KafkaConfig, StatusConfig } from '@sluice/config';
import type { Kafka } from '@sluice/kafka';
import { DEPENDENCY_CHECKS, DependencyCheck, Logger, ROOT_LOGGER } from '@sluice/observability';
import { StatusPublisher } from './status-publisher';
import type { StatusSource } from './status-snapshot';

/** Injection token of a service's {@link StatusPublisher}. */
export const STATUS_PUBLISHER = 'STATUS_PUBLISHER';

/** Starts the publisher once the application is up and publishes the last record at shutdown. */
@Injectable()
export class StatusPublisherLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(STATUS_PUBLISHER) private readonly publisher: StatusPublisher) {}

  onApplicationBootstrap(): void {
    this.publisher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.stop();
  }
}

export interface StatusProviderOptions {
  service: string;
  /** Token of the service's kafkajs client. */
  kafka: InjectionToken;
  kafkaConfig: KafkaConfig;
  status: StatusConfig;
  /** Token of the provider whose `statusDetails()` adds partitions, micro-batches, stores. */
  source?: InjectionToken;
}

/**
 * The providers that make a service publish its status record (see {@link StatusPublisher}):
 * spread into the app module's `providers`, one line. Health comes from the module's
 * `DEPENDENCY_CHECKS`, the same checks as `/health`.
 */
export function statusProviders(o: StatusProviderOptions): Provider[] {
  return [
    {
      provide: STATUS_PUBLISHER,
      useFactory: (kafka: Kafka, checks: DependencyCheck[], logger: Logger, source?: StatusSource) =>
        new StatusPublisher({
          service: o.service,
          kafka,
          topic: o.status.topic,
          intervalMs: o.status.intervalMs,
          replicationFactor: o.kafkaConfig.replicationFactor,
          checks,
          details: source ? () => source.statusDetails() : undefined,
          logger,
        }),
      inject: [o.kafka, DEPENDENCY_CHECKS, ROOT_LOGGER, ...(o.source ? [o.source] : [])],
    },
    StatusPublisherLifecycle,
  ];
}
