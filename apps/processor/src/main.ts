import 'reflect-metadata';
import { bootstrapService } from '@sluice/observability';
import { loadProcessorConfig } from './processor.config';
import { ProcessorModule } from './processor.module';

void bootstrapService({
  service: 'processor',
  loadConfig: loadProcessorConfig,
  module: (config) => ProcessorModule.forRoot(config),
  http: (config) => config.http,
});
