/**
 * Topic names Sluice reads or writes: the source topics (written by users and the producer), the
 * results of the original jobs (written by the processor, read by the writers), and internal topics
 * of the processor (named from stable operator names, never generated) — see docs/architecture.md.
 * A job added later names its own new topics in its contracts, in its folder of libs/jobs
 * (docs/extending.md); no other file spells a topic name.
 */
export const Topics = {
  /** One UTF-8 line per record, no key: what kafka-console-producer writes. */
  textLines: 'text-lines',
  /** Wave samples: JSON `{series,time,value}` keyed by series (also `{time,sin}` and a bare number). */
  signals: 'signals',
  /** Temperature readings `{key,time,min,max}` keyed by city or room. */
  sensorReadings: 'sensor-readings',
  /** Running word totals: key = word, value {@link WordCount}. */
  wordCounts: 'word-counts',
  /** Per-word counts per sliding processing-time window: key `<windowStart>/<word>`, value {@link WordWindowCountResult}. */
  wordCountsWindowed: 'word-counts-windowed',
  /** Per-series statistics per event-time window: key `<series>/<windowStart>`, value {@link SignalStatsResult}. */
  signalStats: 'signal-stats',
  /** Running min/max per sensor key, or its removal after the idle timeout: value {@link SensorExtremesResult}. */
  sensorExtremes: 'sensor-extremes',
  /** Top-N hashtags per sliding window: key `<windowStart>`, value {@link HashtagsTopResult}. */
  hashtagsTop: 'hashtags-top',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Kafka `cleanup.policy` values Sluice sets. */
export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';


/**
 * Topics of the producer itself, kept out of {@link Topics} (whose every entry has a `.dlq` and is
 * reset by the end-to-end tests). Both are compacted, one partition:
 * - `checkpoints`: key = source id (a file's absolute path), value = how many lines of that
 *   source are committed (see the producer's `--resume`);
 * - `fileCheckpoints`: key = the absolute path of a file of a landing directory, value = the
 *   file's size, mtime and record counts once ingested by `producer files` (`FileCheckpoint` in
 *   libs/sources), committed in the same transaction as the file's records.
 */
export const ProducerTopics = {
  checkpoints: 'sluice-producer-checkpoints',
  fileCheckpoints: 'sluice-file-checkpoints',
} as const;

/**
 * Topics of the services' own observability, kept out of {@link Topics} (no `.dlq`, never reset by
 * the end-to-end tests). `status` is compacted, one partition: key = `<service>/<instanceId>`,
 * value = the instance's latest {@link ServiceStatus} (see `libs/console`); the web console reads it.
 */
export const StatusTopics = {
  status: 'sluice-status',
} as const;

/** Suffix of dead-letter topics: records of `<topic>` that could not be processed go to `<topic>.dlq`. */
export const DLQ_SUFFIX = '.dlq';

/** The dead-letter topic of a topic. */
export function dlqTopic(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/**
 * Internal topics of a stateful or repartitioning step, named from the application id
 * (the processor's consumer group) and the operator's stable name, as Kafka Streams does:
 * `<applicationId>-<operator>-repartition` and `<applicationId>-<store>-changelog`.
 */
export const InternalTopics = {
  repartition: (applicationId: string, operator: string) => `${applicationId}-${operator}-repartition`,
  changelog: (applicationId: string, store: string) => `${applicationId}-${store}-changelog`,
} as const;
