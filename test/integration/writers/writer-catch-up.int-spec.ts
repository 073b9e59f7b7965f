import { MongoClient } from 'mongodb';
import { dlqTopic, encodeWordWindowCount, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

/**
 * Running results first (issue #9, the chaos suite's convergence after a writer crash): a writer
 * that comes back to a backlog on both `word-counts` and `word-counts-windowed` pauses the windowed
 * topic while the running totals are more than `WRITER_CATCH_UP_LAG` records behind, so the totals
 * are current long before the windowed backlog is written; then it writes that backlog too.
 * Without the pause both topics share every fetch round and the totals come last: here the whole
 * windowed backlog was written before them.
 */
describe('writer catching up on running results first', () => {
  const kafka = testKafka('it-writer-catch-up');
  const run = Date.now().toString(36);
  const database = `it_catch_up_${run}`;
  const WINDOW_RECORDS = 30_000;
  const WORDS = 300;
  const VERSIONS = 200; // word-counts records per word: 60,000 in all, the last one of each word counts VERSIONS
  let producer: RecordProducer;
  let writer: ServiceProcess | undefined;
  const mongo = new MongoClient('mongodb://127.0.0.1:27017');

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.wordCounts, Topics.wordCountsWindowed, dlqTopic(Topics.wordCounts), dlqTopic(Topics.wordCountsWindowed)]);
    producer = await RecordProducer.connect(kafka);
    const windowStart = new Date(Date.UTC(2026, 0, 1)).toISOString();
    const windowEnd = new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toISOString();
    for (let from = 0; from < WINDOW_RECORDS; from += 10_000) {
      await producer.send(Topics.wordCountsWindowed, Array.from({ length: 10_000 }, (_, k) => encodeWordWindowCount({ word: `w${from + k}`, count: 1, windowStart, windowEnd })));
    }
    for (let version = 1; version <= VERSIONS; version += 50) {
      const records = [];
      for (let v = version; v < version + 50; v++) {
        for (let w = 0; w < WORDS; w++) records.push({ key: `t${w}`, value: JSON.stringify({ word: `t${w}`, count: v, updatedAt: new Date().toISOString() }) });
      }
      await producer.send(Topics.wordCounts, records);
    }
    await mongo.connect();
  });

  afterAll(async () => {
    await writer?.stop();
    await producer?.disconnect();
    await mongo.db(database).dropDatabase().catch(() => undefined);
    await mongo.close();
  });

  it('writes the running totals before most of the windowed backlog, then the backlog', async () => {
    writer = await new ServiceProcess('mongo-writer', `it-catch-up-${run}`, {
      MONGO_DATABASE: database,
      WRITER_TOPICS: `${Topics.wordCounts},${Topics.wordCountsWindowed}`,
      WRITER_GROUP_ID: `it-catch-up-${run}`,
      // Small fetch rounds (6 partitions × 32 KiB: ~1,300 window records or ~2,200 totals each), so
      // the 60,000 totals take many rounds and the windowed backlog could drain within them.
      WRITER_MAX_PARTITION_FETCH_BYTES: String(32 * 1024),
      WRITER_CATCH_UP_LAG: '1000',
    }).start();
    const windows = mongo.db(database).collection('word_counts_windowed');
    const words = mongo.db(database).collection('words');
    await waitFor('every running total at its last value', async () => ((await words.countDocuments({ count: VERSIONS })) === WORDS ? true : undefined), { timeoutMs: 180_000, intervalMs: 50 });
    const windowsWritten = await windows.estimatedDocumentCount();
    // One or two rounds of window records are written before the first pause; without it, every round carries both.
    expect(windowsWritten).toBeLessThan(WINDOW_RECORDS / 4);
    await waitFor('the whole windowed backlog after the totals', async () => ((await windows.estimatedDocumentCount()) === WINDOW_RECORDS ? true : undefined), { timeoutMs: 180_000, intervalMs: 200 });
    expect(writer.logRecords('running results behind: pausing the windowed topics until they catch up').length).toBeGreaterThanOrEqual(1);
    expect(writer.logRecords('running results caught up: resuming the windowed topics').length).toBeGreaterThanOrEqual(1);
  });
});
