export * from './wait-for';
export * from './free-port';
export * from './service-process';
export * from './kafka-test-kit';
export * from './corpus';
export * from './redis-counts';
export * from './test-endpoints';
export * from './store-readers';
