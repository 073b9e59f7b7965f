import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SluiceMetrics } from './metrics';
import { createLogger } from './logger';
import { ROOT_LOGGER } from './observability.constants';

/**
 * Logging and metrics for one service, global so every provider can inject `ROOT_LOGGER` and
 * {@link SluiceMetrics}. The service's own module registers {@link HealthController} and
 * {@link MetricsController} and provides `DEPENDENCY_CHECKS` (its Kafka and store checks).
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string, logLevel: string): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [
        { provide: SluiceMetrics, useValue: new SluiceMetrics(service) },
        { provide: ROOT_LOGGER, useValue: createLogger(service, logLevel) },
      ],
      exports: [SluiceMetrics, ROOT_LOGGER, TerminusModule],
    };
  }
}
