import type { DlqReason } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import type { StoreFailure } from './store-failure';

/**
 * One decoded result to upsert. `version` orders updates of the same key: it is the offset of the
 * source record (a key always lands in the same partition of a result topic, so offsets grow with
 * every update of that key). A store keeps the row with the highest version, so replaying an older
 * record never overwrites a newer one.
 */
export interface VersionedUpsert<T> {
  /** Result topic the value came from (an adapter may route topics to tables). */
  topic: string;
  key: string;
  value: T;
  version: number;
  record: StreamRecord;
}

/** An item the store refused for good (not writable): it goes to the DLQ. */
export interface WriteRejection {
  record: StreamRecord;
  reason: DlqReason;
  detail: string;
}

/**
 * The store side of a writer. Adapters are small: the shared {@link StoreWriter} does decoding,
 * DLQ routing, retries and offset commits.
 */
export interface StoreAdapter<T> {
  /** Store name for logs, metrics and health (`redis`, `cassandra`, ...). */
  readonly store: string;
  /**
   * Partition batches the adapter may write at once (default 1). More than one only when
   * concurrent `write` calls are independent (no shared client-side buffer).
   */
  readonly maxConcurrentBatches?: number;
  /** Connects and creates keyspaces/tables/indexes when missing. @throws when the store is unreachable */
  connect(): Promise<void>;
  /**
   * Upserts a batch in as few round trips as the store allows, idempotently and order-safely
   * (only rows with an older version are replaced).
   * @returns the items whose values the store rejected (record-level, for the DLQ); an empty
   *   array when all were written
   * @throws when the whole batch failed: {@link classify} tells whether to retry it (transient),
   *   pause until the store accepts writes again (store-refused) or isolate its bad items (record-rejected)
   */
  write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]>;
  /**
   * Deletes every row, document or key this adapter writes (its whole table, collection or key
   * pattern), for a rebuild after its result topic was recreated: the new topic's offsets, hence
   * versions, start again at 0 and would be taken for stale. Absent when no version is stored
   * (InfluxDB points are keyed by time, a replay overwrites them).
   * @throws when the store cannot be reached
   */
  clear?(): Promise<void>;
  /** A real, cheap request to the store (readiness). */
  ping(): Promise<boolean>;
  /** Classifies an error of `write` or `connect` by the driver's error classes and codes. */
  classify(error: unknown): StoreFailure;
  close(): Promise<void>;
}
