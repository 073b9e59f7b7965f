import { dlqTopic, InternalTopics, Topics } from '@sluice/contracts';
import { ensureTopics, RecordProducer } from '@sluice/kafka';
import { WORD_COUNTS_STORE } from '@sluice/jobs';
import { followWordCounts, resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';
import type { WordCountTotals } from '@sluice/testing';

/**
 * A changelog record that is not JSON must not keep a task from opening: the test writes, to every
 * partition of the `word-counts` store's changelog, a valid total (`alpha` = 5) and garbage
 * (`beta` = `not json {`), then starts the processor. It must become ready, resume `alpha` from
 * its restored total, and count `beta` from nothing (the corrupt record skipped).
 */
describe('processor restoring a corrupt changelog record', () => {
  const kafka = testKafka('corrupt-changelog');
  const run = Date.now().toString(36);
  const groupId = `it-corrupt-${run}`;
  const changelog = InternalTopics.changelog(groupId, WORD_COUNTS_STORE);
  const partitions = 6;
  let totals = new Map<string, number>();
  const services: ServiceProcess[] = [];
  let producer: RecordProducer;
  let reader: WordCountTotals | undefined;

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, dlqTopic(Topics.textLines), Topics.wordCounts, dlqTopic(Topics.wordCounts)], partitions);
    await ensureTopics(kafka, [{ name: changelog, partitions, replicationFactor: 1, cleanupPolicy: 'compact' }]);
    producer = await RecordProducer.connect(kafka);
    const records = Array.from({ length: partitions }, (_, partition) => [
      { key: 'alpha', value: '5', partition },
      { key: 'beta', value: 'not json {', partition },
    ]).flat();
    await producer.send(changelog, records);
    reader = await followWordCounts(kafka, `${groupId}-reader`);
    totals = reader.totals;
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    await reader?.stop();
  });

  it('opens every task, keeps the valid state and skips the corrupt record', async () => {
    const processor = new ServiceProcess('processor', `${groupId}-a`, { PROCESSOR_GROUP_ID: groupId, JOBS: 'word-counts', BATCH_INTERVAL_MS: '250' });
    services.push(processor);
    await processor.start(60000); // ready = every task opened, changelog restored
    await producer.send(Topics.textLines, [{ value: 'alpha beta' }]);
    await waitFor('totals of alpha and beta', () => (totals.has('alpha') && totals.has('beta') ? true : undefined), { timeoutMs: 30000 });
    expect(totals.get('alpha')).toBe(6);
    expect(totals.get('beta')).toBe(1);
  });
});
