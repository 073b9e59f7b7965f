import 'reflect-metadata';
import { bootstrapService } from '@sluice/observability';
import { loadConsoleConfig } from './console.config';
import { ConsoleModule } from './console.module';

void bootstrapService({
  service: 'console',
  loadConfig: loadConsoleConfig,
  module: (config) => ConsoleModule.forRoot(config),
  http: (config) => config.http,
});
