import Redis from 'ioredis';
import { Topics } from '@sluice/contracts';
import { sine, triangle } from '@sluice/sources';
import {
  readCassandraWordCounts,
  readInfluxPoints,
  readMongoWordCounts,
  readRedisWordCounts,
  CONTRACT_TOPICS,
  flushRedisDb,
  resetTopics,
  runProducerCli,
  typeIntoConsoleProducer,
  ServiceProcess,
  testKafka,
  testRedisUrl,
  waitFor,
} from '@sluice/testing';

/**
 * The whole pipeline on the real servers: lines typed into kafka-console-producer end up as equal
 * counts in Redis, Cassandra and MongoDB; sine and triangle samples from the producer end up in
 * InfluxDB (measurements `sine-wave` field `value`, `trwave` field `tr`) with the seed formulas' values.
 */
describe('console producer and waves → processor → all four stores', () => {
  const kafka = testKafka('e2e-all');
  const run = Date.now().toString(36);
  const redisUrl = testRedisUrl(10);
  const keyspace = `e2e_${run}`;
  const database = `e2e_${run}`;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    await resetTopics(kafka, CONTRACT_TOPICS);
    await flushRedisDb(redisUrl);
    const group = (s: string) => `e2e-all-${s}-${run}`;
    services.push(
      new ServiceProcess('processor', group('processor'), { PROCESSOR_GROUP_ID: group('processor'), BATCH_INTERVAL_MS: '500' }),
      new ServiceProcess('redis-writer', group('redis'), { REDIS_URL: redisUrl, WRITER_GROUP_ID: group('redis') }),
      new ServiceProcess('cassandra-writer', group('cassandra'), { CASSANDRA_KEYSPACE: keyspace, WRITER_GROUP_ID: group('cassandra') }),
      new ServiceProcess('mongo-writer', group('mongo'), { MONGO_DATABASE: database, WRITER_GROUP_ID: group('mongo') }),
      new ServiceProcess('influx-writer', group('influx'), { WRITER_GROUP_ID: group('influx') }),
    );
    await Promise.all(services.map((s) => s.start()));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  it('counts typed lines identically in Redis, Cassandra and MongoDB', async () => {
    const lines = ['En un lugar de la Mancha,', 'de cuyo nombre no quiero acordarme,', 'no ha mucho tiempo que vivía un hidalgo', 'LA MANCHA la mancha'];
    expect(await typeIntoConsoleProducer(Topics.textLines, lines)).toBe(0);
    const expected = new Map<string, number>([
      ['en', 1], ['un', 2], ['lugar', 1], ['de', 2], ['la', 3], ['mancha', 3], ['cuyo', 1], ['nombre', 1], ['no', 2], ['quiero', 1],
      ['acordarme', 1], ['ha', 1], ['mucho', 1], ['tiempo', 1], ['que', 1], ['vivía', 1], ['hidalgo', 1],
    ]);
    const readers: Array<[string, () => Promise<Map<string, number>>]> = [
      ['redis', async () => {
        const r = new Redis(redisUrl);
        try {
          return await readRedisWordCounts(r);
        } finally {
          r.disconnect();
        }
      }],
      ['cassandra', () => readCassandraWordCounts(keyspace)],
      ['mongo', () => readMongoWordCounts(database)],
    ];
    for (const [store, read] of readers) {
      const counts = await waitFor(`expected counts in ${store}`, async () => {
        const c = await read();
        return c.size === expected.size && [...expected].every(([w, n]) => c.get(w) === n) ? c : undefined;
      }, { timeoutMs: 90000, intervalMs: 500 });
      expect(counts).toEqual(expected);
    }
  });

  it('stores sine and triangle samples equal to the seed formulas at the same step index', async () => {
    expect(await runProducerCli(['sine', '--count', '8', '--interval-ms', '50'])).toBe(0);
    expect(await runProducerCli(['triangle', '--count', '8', '--interval-ms', '50'])).toBe(0);
    const sines = await waitFor('8 sine points', async () => {
      const rows = await readInfluxPoints('sine-wave', { series: 'sine', from: Date.now() - 600000 }).catch(() => []);
      return rows.length >= 8 ? rows.slice(-8) : undefined;
    }, { timeoutMs: 60000, intervalMs: 500 });
    const tris = await waitFor('8 triangle points', async () => {
      const rows = await readInfluxPoints('trwave', { series: 'triangle', from: Date.now() - 600000 }).catch(() => []);
      return rows.length >= 8 ? rows.slice(-8) : undefined;
    }, { timeoutMs: 60000, intervalMs: 500 });
    sines.forEach((row, n) => expect(row.value as number).toBeCloseTo(sine(n), 9));
    tris.forEach((row, n) => expect(row.tr as number).toBeCloseTo(triangle(n), 9));
    expect(sines.map((r) => r.value)).not.toEqual(tris.map((r) => r.tr));
  });
});
