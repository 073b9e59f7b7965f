import type { StoreAdapter, VersionedUpsert, WriteRejection } from '../store-adapter';
import type { StoreFailure } from '../store-failure';
import type { SharedConnection } from './shared-connection';

/**
 * A {@link StoreAdapter} over a {@link SharedConnection}: readiness, error classification and
 * closing are the connection's (one answer per store however many result topics the writer
 * reads); subclasses connect (the connection, then their own DDL or scripts) and write.
 */
export abstract class SharedConnectionAdapter<T, C extends SharedConnection<unknown>> implements StoreAdapter<T> {
  abstract readonly store: string;
  /** Partition batches written at once: the shared clients pool their requests. */
  readonly maxConcurrentBatches = 3;

  constructor(protected readonly connection: C) {}

  abstract connect(): Promise<void>;
  abstract write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]>;

  ping(): Promise<boolean> {
    return this.connection.ping();
  }

  classify(error: unknown): StoreFailure {
    return this.connection.classify(error);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
