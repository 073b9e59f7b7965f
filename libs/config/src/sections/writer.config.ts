import { intVar, listVar, stringVar } from '../env-vars';
import { section } from '../config-section';

/**
 * Settings every writer shares: consumer group, the result topics it reads, the size of a store
 * write, and the retry policy for transient store errors.
 * @param store the store name, used for the default consumer group `sluice-<store>-writer`
 * @param topics the result topics this store keeps: `WRITER_TOPICS` picks a subset (default: all)
 */
export function writerConfig<const T extends string>(store: string, topics: readonly T[]) {
  return section(
    {
      topics: listVar('WRITER_TOPICS', topics.join(','), `Result topics this writer reads (comma-separated); default: every topic the ${store} writer keeps.`, topics),
      groupId: stringVar('WRITER_GROUP_ID', `sluice-${store}-writer`, 'Consumer group of this writer.'),
      batchSize: intVar('WRITER_BATCH_SIZE', 10000, 'Most upserts per store write; a fetched batch is written in slices of this size, and a stopping or rebalancing writer commits after the last slice written.', { min: 1, max: 1000000 }),
      maxPartitionFetchBytes: intVar(
        'WRITER_MAX_PARTITION_FETCH_BYTES',
        1048576,
        "Most bytes fetched per partition per fetch (Kafka's max.partition.fetch.bytes): every fetch round is written before the next, so this bounds how long a backlog on one result topic delays the records of the others. A record larger than this is still fetched, alone.",
        { min: 1024, max: 64 * 1024 * 1024 },
      ),
      catchUpLag: intVar(
        'WRITER_CATCH_UP_LAG',
        10000,
        'Running results first (records): while a partition of a running result this writer keeps (a compacted table such as word-counts or sensor-extremes) is more than this many records behind, its windowed topics are paused so the running totals catch up first; 0 = read every topic in the same rounds.',
        { min: 0, max: 1_000_000_000 },
      ),
      retryInitialMs: intVar('WRITER_RETRY_INITIAL_MS', 200, 'First backoff (ms) after a transient store error.', { min: 1 }),
      retryMaxMs: intVar('WRITER_RETRY_MAX_MS', 10000, 'Backoff cap (ms); retries go on until the store is back.', { min: 1 }),
    },
    (v) => v,
    (c) => (c.retryMaxMs < c.retryInitialMs ? [{ variable: 'WRITER_RETRY_MAX_MS', message: 'must be >= WRITER_RETRY_INITIAL_MS' }] : []),
  );
}
export type WriterConfig = ReturnType<ReturnType<typeof writerConfig>['build']>;

export const redisConfig = section(
  {
    url: stringVar('REDIS_URL', 'redis://127.0.0.1:6379', 'Redis URL.', { regex: /^rediss?:\/\//, message: 'must start with redis:// or rediss://' }),
    windowTtlSeconds: intVar('REDIS_WINDOW_TTL_S', 3600, 'Time to live (s) of the per-window sorted sets (word-counts-windowed, hashtags-top).', { min: 1, max: 365 * 24 * 3600 }),
  },
  (v) => v,
);
export type RedisConfig = ReturnType<typeof redisConfig.build>;
