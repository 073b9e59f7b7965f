import { createHash, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { KafkaConfig, ProducerConfig } from '@sluice/config';
import { dlqTopic, ProducerTopics, Topics } from '@sluice/contracts';
import { ensureTopics, FeedTransactionProducer, Kafka } from '@sluice/kafka';
import {
  brownCorpusLines,
  decodeFeedCheckpoint,
  encodeFeedCheckpoint,
  fileExists,
  fileLines,
  SourceIdentity,
  streamLines,
  TransactionalLineSink,
} from '@sluice/sources';

/** A text source as a feed sees it: its id (checkpoint key), lines, and identity. */
export interface FeedSource {
  /** Checkpoint key: the file's absolute path, `brown-corpus`, or `stdin:<uuid>` (one per run). */
  id: string;
  file?: string;
  lines: readonly string[] | AsyncIterable<string>;
  identity: SourceIdentity;
  /** Whether `--resume` can find the same lines again (not stdin). */
  resumable: boolean;
}

/** Resolves the configured text source. @throws Error naming the variable of a missing file */
export function feedSource(c: ProducerConfig): FeedSource {
  switch (c.textSource) {
    case 'brown': {
      const lines = brownCorpusLines();
      return { id: 'brown-corpus', lines, identity: { size: lines.length, mtimeMs: 0 }, resumable: true };
    }
    case 'stdin':
      return { id: `stdin:${randomUUID()}`, lines: streamLines(process.stdin), identity: { size: 0, mtimeMs: 0 }, resumable: false };
    case 'quijote':
    case 'file': {
      const file = path.resolve(c.textSource === 'file' ? c.textFile! : c.quijotePath);
      if (!fileExists(file)) throw new Error(`${c.textSource === 'file' ? 'TEXT_FILE' : 'QUIJOTE_PATH'}: no file at ${file}`);
      const stat = statSync(file);
      return { id: file, file, lines: fileLines(file), identity: { size: stat.size, mtimeMs: Math.floor(stat.mtimeMs) }, resumable: true };
    }
  }
}

/** The lines from index `start` (0-based, counting on across repetitions) up to `end` (exclusive; undefined = the source once). */
export async function* linesFrom(lines: readonly string[] | AsyncIterable<string>, start: number, end?: number): AsyncGenerator<string> {
  if (!Array.isArray(lines)) {
    let n = 0;
    for await (const line of lines as AsyncIterable<string>) {
      if (end !== undefined && n >= end) return;
      if (n++ >= start) yield line;
    }
    return;
  }
  const all = lines as readonly string[];
  if (all.length === 0) return;
  for (let i = start; i < (end ?? all.length); i++) yield all[i % all.length];
}

/** The transactional id of a source's feed: stable per source, so a new run fences an old one. */
export function feedTransactionalId(config: KafkaConfig, sourceId: string): string {
  return `${config.clientIdPrefix}-producer-${createHash('sha256').update(sourceId).digest('hex').slice(0, 16)}`;
}

/** Creates a line feed's topics (`topic`, its DLQ, the compacted checkpoint topic) when missing. */
export async function ensureFeedTopics(kafka: Kafka, config: KafkaConfig, topic: string = Topics.textLines): Promise<void> {
  await ensureTopics(kafka, [
    ...[topic, dlqTopic(topic)].map((name) => ({ name, partitions: config.partitions, replicationFactor: config.replicationFactor })),
    { name: ProducerTopics.checkpoints, partitions: 1, replicationFactor: config.replicationFactor, cleanupPolicy: 'compact' as const },
  ]);
}

/** Adapts the Kafka producer to the feed loop: checkpoints as JSON, recovery = reopen + read. */
export function transactionalSink(producer: FeedTransactionProducer, sourceId: string): TransactionalLineSink {
  return {
    commit: (topic, records, checkpoint, deadlineMs) => producer.commit(topic, records, encodeFeedCheckpoint(checkpoint), deadlineMs),
    recover: async (deadlineMs) => {
      await producer.open(deadlineMs);
      return decodeFeedCheckpoint(sourceId, (await producer.readCheckpoint(deadlineMs)) ?? null);
    },
  };
}
