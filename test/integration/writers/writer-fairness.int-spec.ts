import { MongoClient } from 'mongodb';
import { dlqTopic, encodeWordWindowCount, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

/**
 * A backlog on one result topic does not starve another, in both directions, on one windowed
 * backlog of `word-counts-windowed` (every slide re-emits every word of the window):
 * - issue #10 part 4: a running total sent meanwhile to `word-counts` must reach the store within a
 *   fetch round or so (`WRITER_MAX_PARTITION_FETCH_BYTES`), not after the whole backlog. Before the
 *   bound, one fetch took up to 4 MiB per partition and a new total waited for the whole backlog.
 * - issue #9 (the chaos suite's convergence after a writer crash): a writer that comes back to a
 *   backlog of totals too pauses the windowed topic while the totals are more than
 *   `WRITER_CATCH_UP_LAG` records behind, so they are current long before the windowed backlog is
 *   written; then it writes that backlog too. Without the pause both topics share every fetch round
 *   and here the whole windowed backlog was written before the totals.
 * Each case runs a writer of its own (group and database), reading both topics from the start.
 */
describe('writer fairness between result topics', () => {
  const kafka = testKafka('it-writer-fairness');
  const run = Date.now().toString(36);
  const BACKLOG = 40_000;
  let producer: RecordProducer;
  const writers: ServiceProcess[] = [];
  const databases: string[] = [];
  const mongo = new MongoClient('mongodb://127.0.0.1:27017');

  /** Starts a Mongo writer on both topics with a database and group of its own. */
  const startWriter = async (name: string, env: Record<string, string>) => {
    const database = `it_${name.replace(/-/g, '_')}_${run}`;
    databases.push(database);
    const writer = await new ServiceProcess('mongo-writer', `it-${name}-${run}`, {
      MONGO_DATABASE: database,
      WRITER_TOPICS: `${Topics.wordCounts},${Topics.wordCountsWindowed}`,
      WRITER_GROUP_ID: `it-${name}-${run}`,
      ...env,
    }).start();
    writers.push(writer);
    return { writer, windows: mongo.db(database).collection('word_counts_windowed'), words: mongo.db(database).collection('words') };
  };

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
    for (const w of writers) await w.stop();
    await producer?.disconnect();
    for (const d of databases) await mongo.db(d).dropDatabase().catch(() => undefined);
    await mongo.close();
  });

  it('writes a running total sent during a windowed backlog long before the backlog is drained', async () => {
    // A quarter of the default keeps the backlog (and the test) small: about 4,000 window records per round.
    const { windows, words } = await startWriter('fairness', { WRITER_MAX_PARTITION_FETCH_BYTES: String(128 * 1024) });
    await waitFor('the writer draining the windowed backlog', async () => ((await windows.estimatedDocumentCount()) > 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 50 });
    await producer.send(Topics.wordCounts, [{ key: 'fairness', value: JSON.stringify({ word: 'fairness', count: 1, updatedAt: new Date().toISOString() }) }]);
    await waitFor('the running total in MongoDB', async () => ((await words.countDocuments({ _id: 'fairness' } as object)) === 1 ? true : undefined), { timeoutMs: 120_000, intervalMs: 50 });
    const windowsWritten = await windows.estimatedDocumentCount();
    // Within about two fetch rounds (6 partitions × 128 KiB ≈ 4,000 window records each); without
    // the bound the first fetch takes the whole backlog and the total comes after all of it.
    expect(windowsWritten).toBeLessThan(BACKLOG / 2);
    await waitFor('the whole backlog', async () => ((await windows.estimatedDocumentCount()) === BACKLOG ? true : undefined), { timeoutMs: 180_000, intervalMs: 200 });
  });

  it('catches up on the running totals before most of a windowed backlog, then writes the backlog', async () => {
    const WORDS = 300;
    const VERSIONS = 200; // totals per word: 60,000 records, the last one of each word counts VERSIONS
    for (let version = 1; version <= VERSIONS; version += 50) {
      const records = [];
      for (let v = version; v < version + 50; v++) {
        for (let w = 0; w < WORDS; w++) records.push({ key: `t${w}`, value: JSON.stringify({ word: `t${w}`, count: v, updatedAt: new Date().toISOString() }) });
      }
      await producer.send(Topics.wordCounts, records);
    }
    // Small fetch rounds (6 partitions × 32 KiB: ~1,300 window records or ~2,200 totals each), so
    // the totals take many rounds and the windowed backlog could drain within them.
    const { writer, windows, words } = await startWriter('catch-up', { WRITER_MAX_PARTITION_FETCH_BYTES: String(32 * 1024), WRITER_CATCH_UP_LAG: '1000' });
    await waitFor('every running total at its last value', async () => ((await words.countDocuments({ count: VERSIONS })) === WORDS ? true : undefined), { timeoutMs: 180_000, intervalMs: 50 });
    // One or two rounds of window records are written before the first pause; without it, every round carries both.
    expect(await windows.estimatedDocumentCount()).toBeLessThan(BACKLOG / 4);
    await waitFor('the whole windowed backlog after the totals', async () => ((await windows.estimatedDocumentCount()) === BACKLOG ? true : undefined), { timeoutMs: 180_000, intervalMs: 200 });
    expect(writer.logRecords('running results behind: pausing the windowed topics until they catch up').length).toBeGreaterThanOrEqual(1);
    expect(writer.logRecords('running results caught up: resuming the windowed topics').length).toBeGreaterThanOrEqual(1);
  });
});
