import Redis from 'ioredis';
import { DlqHeaders, Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { readTopic, resetTopics, ServiceProcess, testKafka, waitFor, testRedisUrl } from '@sluice/testing';

/**
 * Bad input loses nothing and crashes nothing: every rejected record is on the DLQ with its
 * reason and source position, counted in /metrics, and good records around it still flow.
 */
describe('bad input → DLQ', () => {
  const kafka = testKafka('bad-input');
  const run = Date.now().toString(36);
  const redis = new Redis(testRedisUrl(5));
  let processor: ServiceProcess;
  let writer: ServiceProcess;
  let producer: RecordProducer;

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    await redis.flushdb();
    producer = await RecordProducer.connect(kafka);
    processor = new ServiceProcess('processor', `it-bad-processor-${run}`, { PROCESSOR_GROUP_ID: `it-bad-${run}`, JOBS: 'word-counts', BATCH_INTERVAL_MS: '200' });
    writer = new ServiceProcess('redis-writer', `it-bad-redis-writer-${run}`, { REDIS_URL: testRedisUrl(5), WRITER_TOPICS: 'word-counts', WRITER_GROUP_ID: `it-bad-redis-${run}` });
    await Promise.all([processor.start(), writer.start()]);
  });

  afterAll(async () => {
    await Promise.all([processor?.stop(), writer?.stop()]);
    await producer?.disconnect();
    redis.disconnect();
  });

  it('dead-letters null, invalid UTF-8 and over-size lines and keeps counting', async () => {
    const twoMiB = Buffer.alloc(2 * 1024 * 1024, 'a');
    await producer.send(Topics.textLines, [
      { value: null, partition: 0 },
      { value: Buffer.from([0x68, 0x6f, 0xff, 0x6c, 0x61]), partition: 0 },
      { value: '', partition: 0 },
      { value: ' \t ', partition: 0 },
      { value: 'bad input survives', partition: 0 },
    ]);
    await producer.send(Topics.textLines, [{ value: twoMiB, partition: 0 }, { value: 'input survives again', partition: 0 }]);

    const dead = await readTopic(kafka, dlqTopic(Topics.textLines), 3);
    expect(dead.map((d) => d.headers[DlqHeaders.reason]).sort()).toEqual(['invalid-utf8', 'null-value', 'too-large']);
    const tooLarge = dead.find((d) => d.headers[DlqHeaders.reason] === 'too-large')!;
    expect(tooLarge.value?.length).toBe(twoMiB.length);
    expect(tooLarge.headers).toMatchObject({ [DlqHeaders.sourceTopic]: Topics.textLines, [DlqHeaders.sourcePartition]: '0', [DlqHeaders.sourceOffset]: '5' });

    // The writer upserts a batch through one Redis pipeline (not a MULTI): a read can fall between
    // two of its commands, so the test waits for the final counts of all three words together.
    await waitFor('good lines counted', async () => {
      const counts = await Promise.all(['survives', 'input', 'bad'].map((w) => redis.hget(`words:${w}`, 'count')));
      if (counts.join() !== '2,2,1') throw new Error(`survives, input, bad = ${counts.join(', ')}`);
      return true;
    });

    const metrics = await fetch(`http://127.0.0.1:${processor.port}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/sluice_dlq_records_total\{[^}]*reason="too-large"[^}]*\} 1/);
    expect((await processor.get('/health')).status).toBe(200);
  });

  it('dead-letters malformed word-counts records in the Redis writer and writes the good ones', async () => {
    await producer.send(Topics.wordCounts, [
      { key: 'x', value: 'not json', partition: 1 },
      { key: 'y', value: '{"word":"y"}', partition: 1 },
      { key: 'z', value: null, partition: 1 },
      { key: 'fine', value: JSON.stringify({ word: 'fine', count: 7, updatedAt: new Date().toISOString() }), partition: 1 },
    ]);
    const dead = await readTopic(kafka, dlqTopic(Topics.wordCounts), 3);
    expect(dead.map((d) => d.headers[DlqHeaders.reason]).sort()).toEqual(['invalid-json', 'null-value', 'schema-invalid']);
    expect(dead.every((d) => d.headers[DlqHeaders.service] === 'redis-writer')).toBe(true);
    await waitFor('good record written', async () => ((await redis.hget('words:fine', 'count')) === '7' ? true : undefined));
    expect(await redis.exists('words:x', 'words:y', 'words:z')).toBe(0);
  });
});
