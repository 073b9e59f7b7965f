import Redis from 'ioredis';
import { Topics } from '@sluice/contracts';
import { readRedisWordCounts, typeIntoConsoleProducer, CONTRACT_TOPICS, resetTopics, ServiceProcess, testKafka, waitFor, testRedisUrl } from '@sluice/testing';

describe('console producer → processor → Redis', () => {
  const kafka = testKafka('e2e-console');
  const run = Date.now().toString(36);
  const redis = new Redis(testRedisUrl(4));
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    await resetTopics(kafka, CONTRACT_TOPICS);
    await redis.flushdb();
    services.push(
      new ServiceProcess('processor', `e2e-console-processor-${run}`, { PROCESSOR_GROUP_ID: `e2e-console-${run}`, BATCH_INTERVAL_MS: '500' }),
      new ServiceProcess('redis-writer', `e2e-console-redis-writer-${run}`, { REDIS_URL: testRedisUrl(4), WRITER_GROUP_ID: `e2e-console-redis-${run}` }),
    );
    await Promise.all(services.map((s) => s.start()));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    redis.disconnect();
  });

  it('counts the words of typed lines in Redis as words:<word> hashes', async () => {
    const lines = ['Hola, como estás?', 'hola HOLA mundo', '', '   ', '¿Cómo estás, mundo?'];
    expect(await typeIntoConsoleProducer(Topics.textLines, lines)).toBe(0);

    const expected = new Map([
      ['hola', 3],
      ['como', 1],
      ['cómo', 1],
      ['estás', 2],
      ['mundo', 2],
    ]);
    const counts = await waitFor('typed words counted in Redis', async () => {
      const c = await readRedisWordCounts(redis);
      return [...expected].every(([w, n]) => c.get(w) === n) ? c : undefined;
    }, { timeoutMs: 60000 });
    expect(counts).toEqual(expected);
    expect(await redis.hget('words:hola', 'count')).toBe('3');
    expect(await redis.exists('words:Hola,')).toBe(0);
  });

  it('adds later lines to the running totals (never resets)', async () => {
    expect(await typeIntoConsoleProducer(Topics.textLines, ['mundo mundo'])).toBe(0);
    await waitFor('mundo reaches 4', async () => ((await redis.hget('words:mundo', 'count')) === '4' ? true : undefined));
    expect(await redis.hget('words:hola', 'count')).toBe('3');
  });
});
