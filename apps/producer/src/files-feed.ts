import path from 'node:path';
import type { KafkaConfig } from '@sluice/config';
import { dlqTopic } from '@sluice/contracts';
import { GHARCHIVE_EVENTS_TOPIC } from '@sluice/jobs';
import { ensureTopics, FeedTransactionProducer, Kafka, loadRecordBatchLimits } from '@sluice/kafka';
import { decodeFileCheckpoint, encodeFileCheckpoint, FileCheckpoint, FileTransactionSink, retryDelayMs, type Scheduler } from '@sluice/sources';
import { feedTransactionalId } from './text-feed';

/** Default topic of `producer files`: the input of the GH Archive job (its contract names it). */
export const FILES_DEFAULT_TOPIC = GHARCHIVE_EVENTS_TOPIC;

/** Creates the files source's topics (`topic`, its DLQ, the compacted checkpoint topic) when missing. */
export async function ensureFilesTopics(kafka: Kafka, config: KafkaConfig, topic: string, checkpointTopic: string): Promise<void> {
  await ensureTopics(kafka, [
    ...[topic, dlqTopic(topic)].map((name) => ({ name, partitions: config.partitions, replicationFactor: config.replicationFactor })),
    { name: checkpointTopic, partitions: 1, replicationFactor: config.replicationFactor, cleanupPolicy: 'compact' as const },
  ]);
}

/**
 * The transactional id of the files source of a landing directory (its absolute path): one per
 * directory, so a new run fences a crashed one, completing its open transaction.
 */
export const filesTransactionalId = (config: KafkaConfig, landing: string): string => feedTransactionalId(config, `files:${landing}`);

/** The transactional producer of a landing directory (see {@link filesTransactionalId}), its requests cut by the broker's record batch limits. */
export async function filesProducer(kafka: Kafka, config: KafkaConfig, landing: string, topic: string, checkpointTopic: string): Promise<FeedTransactionProducer> {
  const limits = await loadRecordBatchLimits(kafka, [topic, dlqTopic(topic), checkpointTopic]);
  return new FeedTransactionProducer(kafka, filesTransactionalId(config, landing), checkpointTopic, landing, 60000, limits);
}

/** Adapts the Kafka producer to the files source: checkpoints as JSON keyed by path, recovery = reopen + read. */
export function filesSink(producer: FeedTransactionProducer): FileTransactionSink {
  return {
    commit: (file, records, checkpoint, deadlineMs) => producer.commitRecords(records, { key: file, value: encodeFileCheckpoint(checkpoint) }, deadlineMs),
    recover: async (file, deadlineMs) => {
      await producer.open(deadlineMs);
      return decodeFileCheckpoint(file, (await producer.readCheckpoint(deadlineMs, file)) ?? null);
    },
  };
}

/**
 * Opens the producer (fencing an earlier run of the same landing directory) and reads the
 * committed checkpoints of the directory's files, retrying with capped backoff while the broker
 * does not answer, until `deliveryTimeoutMs`.
 * @throws the last error after the deadline, at once a permanent one or a checkpoint that does not parse
 */
export async function openFilesSource(
  producer: FeedTransactionProducer,
  landing: string,
  o: { deliveryTimeoutMs: number; scheduler: Scheduler; permanentError: (e: unknown) => string | undefined; onRetry?: (info: { attempt: number; error: unknown }) => void },
): Promise<Map<string, FileCheckpoint>> {
  const deadline = o.scheduler.now() + o.deliveryTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    let values: Map<string, Buffer | null>;
    try {
      await producer.open(deadline);
      values = await producer.readCheckpoints(deadline, (key) => key.startsWith(landing + path.sep));
    } catch (error) {
      if (o.permanentError(error) || o.scheduler.now() + retryDelayMs(attempt) >= deadline) throw error;
      o.onRetry?.({ attempt, error });
      await o.scheduler.sleep(retryDelayMs(attempt));
      continue;
    }
    const checkpoints = new Map<string, FileCheckpoint>();
    for (const [file, value] of values) {
      const checkpoint = decodeFileCheckpoint(file, value);
      if (checkpoint) checkpoints.set(file, checkpoint);
    }
    return checkpoints;
  }
}
