import { readFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { produceLines, resetTopics, ServiceProcess, testKafka, testRedisUrl, waitFor } from '@sluice/testing';

/**
 * `log-errors` end to end on the real servers: a real Hadoop log and hand-written lines with URLs
 * on `app-logs`, the processor running only `log-errors`, the Redis writer keeping the results the
 * job's contracts declare for Redis (no writer code of its own): the error counts per code and the
 * top URLs equal the seed's definition computed here.
 */
describe('log-errors into Redis and MongoDB', () => {
  const kafka = testKafka('log-errors');
  const run = Date.now().toString(36);
  const groupId = `it-logs-${run}`;
  const redisDb = 13;
  const redis = new Redis(testRedisUrl(redisDb));
  const mongoDatabase = `it_logs_${run}`;
  const mongo = new MongoClient('mongodb://127.0.0.1:27017');
  const services: ServiceProcess[] = [];
  let producer: RecordProducer;
  const topics = ['app-logs', 'log-error-counts', 'log-top-urls', 'log-error-counts-windowed', 'log-top-urls-windowed'];

  beforeAll(async () => {
    await resetTopics(kafka, [...topics, ...topics.map(dlqTopic)]);
    await redis.flushdb();
    producer = await RecordProducer.connect(kafka);
    services.push(
      new ServiceProcess('processor', `${groupId}-processor`, { PROCESSOR_GROUP_ID: groupId, JOBS: 'log-errors', BATCH_INTERVAL_MS: '250', LOG_WINDOW_LENGTH_MS: '60000', LOG_WINDOW_SLIDE_MS: '1000' }),
      new ServiceProcess('redis-writer', `${groupId}-redis-writer`, { REDIS_URL: testRedisUrl(redisDb), WRITER_TOPICS: 'log-error-counts,log-top-urls,log-error-counts-windowed,log-top-urls-windowed', WRITER_GROUP_ID: `${groupId}-redis` }),
      new ServiceProcess('mongo-writer', `${groupId}-mongo-writer`, { MONGO_DATABASE: mongoDatabase, WRITER_TOPICS: 'log-error-counts,log-top-urls', WRITER_GROUP_ID: `${groupId}-mongo` }),
    );
    await Promise.all(services.map((s) => s.start()));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    redis.disconnect();
    await mongo.db(mongoDatabase).dropDatabase().catch(() => undefined);
    await mongo.close();
  });

  it('ends with Redis and MongoDB counts per code and the top URLs equal to the seed’s definition', async () => {
    const hadoop = readFileSync(path.resolve(__dirname, '../../../shared/data/loghub/Hadoop_2k.log'), 'utf8').split(/\r?\n/).filter(Boolean);
    const extra = ['x ERROR_DB http://h/a', 'x ERROR_DB https://h/b http://h/a', 'x ERROR_IO http://h/a', 'x WARN http://h/c', 'x ERROR_IO ERROR_DB https://h/b'];
    const lines = [...hadoop, ...extra];
    const codes = new Map<string, number>();
    const urls = new Map<string, number>();
    for (const line of lines) {
      if (!line.includes('ERROR')) continue;
      const parts = line.split(' ');
      const code = parts.find((p) => p.startsWith('ERROR')) ?? 'UNKNOWN_ERROR';
      const url = parts.find((p) => p.startsWith('http://') || p.startsWith('https://'));
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (url) urls.set(url, (urls.get(url) ?? 0) + 1);
    }
    expect(codes.get('ERROR')).toBeGreaterThan(100);
    await produceLines(producer, 'app-logs', lines, 500);

    await waitFor(
      'Redis counts per code equal to the definition',
      async () => {
        for (const [code, n] of codes) if ((await redis.hget(`log-errors:${code}`, 'count')) !== String(n)) return undefined;
        return true;
      },
      { timeoutMs: 120000, intervalMs: 500 },
    );
    expect((await redis.keys('log-errors:*')).sort()).toEqual([...codes.keys()].map((c) => `log-errors:${c}`).sort());
    const expectedTop = [...urls].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([url, count]) => ({ url, count }));
    expect(expectedTop).toEqual([
      { url: 'http://h/a', count: 2 },
      { url: 'https://h/b', count: 2 },
    ]);
    await waitFor('the top URLs in Redis', async () => ((await redis.hget('log-top-urls', 'top')) === JSON.stringify(expectedTop) ? true : undefined), { timeoutMs: 60000 });

    // The Mongo writer keeps the same results from the contracts' Mongo layouts.
    const db = mongo.db(mongoDatabase);
    await waitFor(
      'MongoDB counts per code equal to the definition',
      async () => {
        const docs = await db.collection('log_error_counts').find({}, { projection: { _id: 1, count: 1 } }).toArray();
        return docs.length === codes.size && docs.every((d) => codes.get(String(d._id)) === d.count) ? true : undefined;
      },
      { timeoutMs: 120000, intervalMs: 500 },
    );
    await waitFor('the top URLs in MongoDB', async () => {
      const doc = await db.collection('log_top_urls').findOne({ _id: 'all' as never });
      return JSON.stringify(doc?.top) === JSON.stringify(expectedTop) ? true : undefined;
    });

    // Every line was sent within a few batches, so the 60 s windows of the next slide points hold them all.
    const windowHoldingAll = async (prefix: string, expected: Map<string, number>) => {
      for (const key of await redis.keys(`${prefix}:*`)) {
        if (key.endsWith(':versions') || key.endsWith(':version')) continue;
        const scores = new Map<string, number>();
        const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
        for (let i = 0; i < flat.length; i += 2) scores.set(flat[i], Number(flat[i + 1]));
        if (scores.size === expected.size && [...expected].every(([m, n]) => scores.get(m) === n)) return key;
      }
      return undefined;
    };
    const codesWindow = await waitFor('a window sorted set with every error code', () => windowHoldingAll('log-errors-window', codes), { timeoutMs: 60000 });
    expect(await redis.ttl(codesWindow)).toBeGreaterThan(0);
    await waitFor('a window ranking of the URLs', () => windowHoldingAll('log-top-urls-window', urls), { timeoutMs: 60000 });
  });
});
