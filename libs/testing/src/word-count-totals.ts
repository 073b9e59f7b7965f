import type { Consumer } from 'kafkajs';
import { Topics, WordCount } from '@sluice/contracts';
import type { Kafka } from '@sluice/kafka';

/** The latest total per word seen on `word-counts`, kept up to date by a running consumer. */
export interface WordCountTotals {
  /** word → latest count read (read_committed: aborted transactions never show). */
  readonly totals: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Follows `word-counts` from the beginning with a fresh consumer group `groupId` (read_committed)
 * and keeps the latest total of every word in a map, so a test can wait until the processor's
 * totals equal a ground truth. Call `stop()` in `afterAll`.
 */
export async function followWordCounts(kafka: Kafka, groupId: string): Promise<WordCountTotals> {
  const totals = new Map<string, number>();
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.wordCounts], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const wc = JSON.parse(String(message.value)) as WordCount;
      totals.set(wc.word, wc.count);
    },
  });
  return { totals, stop: () => consumer.disconnect() };
}
