import type { CassandraConfig, InfluxConfig, MongoConfig, RedisConfig } from '@sluice/config';
import { EventTimeRange, Topics } from '@sluice/contracts';
import type { Logger } from '@sluice/observability';
import { CassandraSession } from '../adapters/cassandra/cassandra-session';
import { MongoConnection } from '../adapters/mongo/mongo-connection';
import { RedisConnection } from '../adapters/redis/redis-connection';
import { CassandraSensorExtremesAdapter } from '../adapters/cassandra/cassandra-sensor-extremes.adapter';
import { CassandraHashtagsTopAdapter, CassandraSignalStatsAdapter, CassandraWordWindowsAdapter } from '../adapters/cassandra/cassandra-window-results.adapter';
import { CassandraWordCountsAdapter } from '../adapters/cassandra/cassandra-word-counts.adapter';
import { CassandraLayoutAdapter } from '../adapters/cassandra/cassandra-layout.adapter';
import { InfluxSignalStatsAdapter } from '../adapters/influx/influx-signal-stats.adapter';
import { InfluxSignalsAdapter } from '../adapters/influx/influx-signals.adapter';
import { MongoHashtagsTopAdapter, MongoSensorExtremesAdapter, MongoSignalStatsAdapter, MongoWordWindowsAdapter } from '../adapters/mongo/mongo-results.adapter';
import { MongoLayoutAdapter } from '../adapters/mongo/mongo-layout.adapter';
import { MongoWordCountsAdapter } from '../adapters/mongo/mongo-word-counts.adapter';
import { RedisHashtagsTopAdapter, RedisWordWindowsAdapter } from '../adapters/redis/redis-window-sets.adapter';
import { RedisWordCountsAdapter } from '../adapters/redis/redis-word-counts.adapter';
import { RedisHashLayoutAdapter } from '../adapters/redis/redis-hash-layout.adapter';
import { RedisSortedSetLayoutAdapter } from '../adapters/redis/redis-sorted-set-layout.adapter';
import { contractDecoder, hashtagsTopDecoder, sensorExtremesDecoder, signalDecoder, signalStatsDecoder, wordCountDecoder, wordWindowCountDecoder } from '../decoders';
import { RoutedStoreAdapter } from '../routed-store-adapter';
import type { StoreAdapter } from '../store-adapter';
import type { ResultDecoder } from '../store-writer';
import { declaredResults } from './declared-results';
import { runningResultTopics } from './running-results';

/**
 * What a writer app runs: one adapter routing its result topics (their adapters share one
 * connection to the store), and a decoder per topic.
 */
export interface StoreResults {
  adapter: RoutedStoreAdapter;
  decoders: ReadonlyMap<string, ResultDecoder<unknown>>;
  /** The running results among the topics, read first when the writer is behind ({@link runningResultTopics}). */
  runningTopics: ReadonlySet<string>;
}

type Part = [topic: string, adapter: StoreAdapter<never>, decoder: ResultDecoder<unknown>];

/**
 * Result topics each store keeps (the allowed values of its writer's `WRITER_TOPICS`): the routes
 * below, and the results whose contracts declare the store (`declaredResults`).
 */
export const STORE_TOPICS = {
  redis: [Topics.wordCounts, Topics.wordCountsWindowed, Topics.hashtagsTop, ...declaredResults('redis').map((c) => c.topic)],
  cassandra: [Topics.wordCounts, Topics.wordCountsWindowed, Topics.signalStats, Topics.sensorExtremes, Topics.hashtagsTop, ...declaredResults('cassandra').map((c) => c.topic)],
  mongo: [Topics.wordCounts, Topics.wordCountsWindowed, Topics.signalStats, Topics.sensorExtremes, Topics.hashtagsTop, ...declaredResults('mongo').map((c) => c.topic)],
  influx: [Topics.signals, Topics.signalStats],
} as const;

function results(store: string, all: Part[], topics: readonly string[]): StoreResults {
  const parts = all.filter(([t]) => topics.includes(t));
  return {
    adapter: new RoutedStoreAdapter(store, new Map(parts.map(([t, a]) => [t, a]))),
    decoders: new Map(parts.map(([t, , d]) => [t, d])),
    runningTopics: runningResultTopics(parts.map(([t]) => t)),
  };
}

/**
 * Redis: `word-counts` as hashes `words:<word>` (the seed's layout); `word-counts-windowed` and
 * `hashtags-top` as one sorted set per window with a TTL (`REDIS_WINDOW_TTL_S`).
 */
export function redisResults(c: RedisConfig, maxBytes: number, topics: readonly string[] = STORE_TOPICS.redis): StoreResults {
  const redis = new RedisConnection(c.url);
  return results('redis', [
    [Topics.wordCounts, new RedisWordCountsAdapter(redis), wordCountDecoder(maxBytes)],
    [Topics.wordCountsWindowed, new RedisWordWindowsAdapter(redis, c.windowTtlSeconds), wordWindowCountDecoder(maxBytes)],
    [Topics.hashtagsTop, new RedisHashtagsTopAdapter(redis, c.windowTtlSeconds), hashtagsTopDecoder(maxBytes)],
    ...declaredResults('redis').map((r): Part => {
      const layout = r.stores!.redis!;
      const adapter = layout.kind === 'hash' ? new RedisHashLayoutAdapter(redis, layout) : new RedisSortedSetLayoutAdapter(redis, layout, c.windowTtlSeconds);
      return [r.topic, adapter, contractDecoder(r, maxBytes)];
    }),
  ], topics);
}

/**
 * Cassandra: tables `words`, `word_counts_windowed`, `signal_stats`, `sensor_extremes`, `hashtags_top`
 * (windowed ones keyed by window start), and the tables the registered jobs' contracts declare.
 */
export function cassandraResults(config: CassandraConfig, maxBytes: number, topics: readonly string[] = STORE_TOPICS.cassandra): StoreResults {
  const c = new CassandraSession(config);
  return results('cassandra', [
    [Topics.wordCounts, new CassandraWordCountsAdapter(c), wordCountDecoder(maxBytes)],
    [Topics.wordCountsWindowed, new CassandraWordWindowsAdapter(c), wordWindowCountDecoder(maxBytes)],
    [Topics.signalStats, new CassandraSignalStatsAdapter(c), signalStatsDecoder(maxBytes)],
    [Topics.sensorExtremes, new CassandraSensorExtremesAdapter(c), sensorExtremesDecoder(maxBytes)],
    [Topics.hashtagsTop, new CassandraHashtagsTopAdapter(c), hashtagsTopDecoder(maxBytes)],
    ...declaredResults('cassandra').map((r): Part => [r.topic, new CassandraLayoutAdapter(c, r.stores!.cassandra!), contractDecoder(r, maxBytes)]),
  ], topics);
}

/** MongoDB: collections `words`, `word_counts_windowed`, `signal_stats`, `sensor_extremes`, `hashtags_top`. */
export function mongoResults(config: MongoConfig, maxBytes: number, topics: readonly string[] = STORE_TOPICS.mongo): StoreResults {
  const c = new MongoConnection(config);
  return results('mongo', [
    [Topics.wordCounts, new MongoWordCountsAdapter(c), wordCountDecoder(maxBytes)],
    [Topics.wordCountsWindowed, new MongoWordWindowsAdapter(c), wordWindowCountDecoder(maxBytes)],
    [Topics.signalStats, new MongoSignalStatsAdapter(c), signalStatsDecoder(maxBytes)],
    [Topics.sensorExtremes, new MongoSensorExtremesAdapter(c), sensorExtremesDecoder(maxBytes)],
    [Topics.hashtagsTop, new MongoHashtagsTopAdapter(c), hashtagsTopDecoder(maxBytes)],
    ...declaredResults('mongo').map((r): Part => [r.topic, new MongoLayoutAdapter(c, r.stores!.mongo!), contractDecoder(r, maxBytes)]),
  ], topics);
}

/**
 * InfluxDB: the raw `signals` as the seed's measurements (`sine-wave`, `trwave`, `signal`) and
 * `signal-stats` as the measurement `signal_stats`. `times`: the event times accepted on `signals`.
 */
export function influxResults(c: InfluxConfig, maxBytes: number, topics: readonly string[] = STORE_TOPICS.influx, logger?: Logger, times?: EventTimeRange): StoreResults {
  return results('influx', [
    [Topics.signals, new InfluxSignalsAdapter(c, logger), signalDecoder(maxBytes, times)],
    [Topics.signalStats, new InfluxSignalStatsAdapter(c, logger), signalStatsDecoder(maxBytes)],
  ], topics);
}
