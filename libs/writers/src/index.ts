export * from './store-adapter';
export * from './backoff';
export * from './store-writer';
export * from './decoders';
export * from './adapters/redis-word-counts.adapter';
export * from './writer.constants';
export * from './writer.service';
export * from './writer.module';
