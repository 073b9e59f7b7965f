export * from './logger';
export * from './metrics';
export * from './dependency-health';
export * from './observability.constants';
export * from './observability.module';
export * from './bootstrap';
export * from './health.controller';
export * from './metrics.controller';
