import path from 'node:path';
import type { ProducerConfig } from '@sluice/config';
import { Topics } from '@sluice/contracts';
import { ensureTopics, Kafka, RecordProducer, RecordProducerOptions } from '@sluice/kafka';
import { dlqTopic } from '@sluice/contracts';
import type { KafkaConfig } from '@sluice/config';
import { brownCorpusLines, fileExists, fileLines, RecordSink, streamLines } from '@sluice/sources';

/** The lines of the configured text source. @throws Error naming the missing file */
export function textSource(c: ProducerConfig): string[] | AsyncIterable<string> {
  switch (c.textSource) {
    case 'brown':
      return brownCorpusLines();
    case 'stdin':
      return streamLines(process.stdin);
    case 'quijote':
    case 'file': {
      const file = path.resolve(c.textSource === 'file' ? c.textFile! : c.quijotePath);
      if (!fileExists(file)) throw new Error(`${c.textSource === 'file' ? 'TEXT_FILE' : 'QUIJOTE_PATH'}: no file at ${file}`);
      return fileLines(file);
    }
  }
}

/**
 * Creates the producer's topics when missing and connects a Kafka sink whose sends survive a
 * broker outage of up to `deliveryTimeoutMs` (see `RecordProducer`).
 */
export async function connectSink(kafka: Kafka, config: KafkaConfig, options: RecordProducerOptions = {}): Promise<RecordProducer & RecordSink> {
  await ensureTopics(
    kafka,
    [Topics.textLines, Topics.signals, dlqTopic(Topics.textLines), dlqTopic(Topics.signals)].map((name) => ({
      name,
      partitions: config.partitions,
      replicationFactor: config.replicationFactor,
    })),
  );
  return RecordProducer.connect(kafka, options);
}
