import { MongoClient } from 'mongodb';
import { dlqTopic, encodeWordWindowCount, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

/**
 * A backlog on one result topic does not starve another (issue #10 part 4): with every slide the
 * processor re-emits every word of the window to `word-counts-windowed`, and a running total sent
 * meanwhile to `word-counts` must reach the store within a fetch round or so
 * (`WRITER_MAX_PARTITION_FETCH_BYTES`), not after the whole backlog. Before the bound, one fetch
 * took up to 4 MiB per partition and a new total waited for the whole backlog to drain.
 */
describe('writer fairness between result topics', () => {
  const kafka = testKafka('it-writer-fairness');
  const run = Date.now().toString(36);
  const database = `it_fairness_${run}`;
  const BACKLOG = 40_000;
  let producer: RecordProducer;
  let writer: ServiceProcess | undefined;
  const mongo = new MongoClient('mongodb://127.0.0.1:27017');

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.wordCounts, Topics.wordCountsWindowed, dlqTopic(Topics.wordCounts), dlqTopic(Topics.wordCountsWindowed)]);
    producer = await RecordProducer.connect(kafka);
    const windowStart = new Date(Date.UTC(2026, 0, 1)).toISOString();
    const windowEnd = new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toISOString();
    for (let from = 0; from < BACKLOG; from += 10_000) {
      const records = Array.from({ length: 10_000 }, (_, k) => encodeWordWindowCount({ word: `w${from + k}`, count: 1 + ((from + k) % 7), windowStart, windowEnd }));
      await producer.send(Topics.wordCountsWindowed, records);
    }
    await mongo.connect();
  });

  afterAll(async () => {
    await writer?.stop();
    await producer?.disconnect();
    await mongo.db(database).dropDatabase().catch(() => undefined);
    await mongo.close();
  });

  it('writes a running total sent during a windowed backlog long before the backlog is drained', async () => {
    writer = await new ServiceProcess('mongo-writer', `it-fairness-${run}`, {
      MONGO_DATABASE: database,
      WRITER_TOPICS: `${Topics.wordCounts},${Topics.wordCountsWindowed}`,
      WRITER_GROUP_ID: `it-fairness-${run}`,
      // A quarter of the default keeps the backlog (and the test) small: about 4,000 window records per round.
      WRITER_MAX_PARTITION_FETCH_BYTES: String(128 * 1024),
    }).start();
    const windows = mongo.db(database).collection('word_counts_windowed');
    const words = mongo.db(database).collection('words');
    await waitFor('the writer draining the windowed backlog', async () => ((await windows.estimatedDocumentCount()) > 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 50 });
    await producer.send(Topics.wordCounts, [{ key: 'fairness', value: JSON.stringify({ word: 'fairness', count: 1, updatedAt: new Date().toISOString() }) }]);
    await waitFor('the running total in MongoDB', async () => ((await words.countDocuments({ _id: 'fairness' } as object)) === 1 ? true : undefined), { timeoutMs: 120_000, intervalMs: 50 });
    const windowsWritten = await windows.estimatedDocumentCount();
    // Within about two fetch rounds (6 partitions × 128 KiB ≈ 4,000 window records each); without
    // the bound the first fetch takes the whole backlog and the total comes after all of it.
    expect(windowsWritten).toBeLessThan(BACKLOG / 2);
    await waitFor('the whole backlog', async () => ((await windows.estimatedDocumentCount()) === BACKLOG ? true : undefined), { timeoutMs: 180_000, intervalMs: 200 });
  });
});
