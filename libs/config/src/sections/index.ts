export * from './kafka.config';
export * from './http.config';
export * from './processor.config';
export * from './writer.config';
export * from './stores.config';
export * from './producer.config';
export * from './status.config';
