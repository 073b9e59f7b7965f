import Redis from 'ioredis';
import { WordCount } from '@sluice/contracts';
import { StreamRecord } from '@sluice/streaming';
import { readCassandraWordCounts, readMongoWordCounts, readRedisWordCounts, testRedisUrl, flushRedisDb } from '@sluice/testing';
import { CassandraWordCountsAdapter, MongoWordCountsAdapter, RedisWordCountsAdapter, StoreAdapter, VersionedUpsert } from '@sluice/writers';

const run = Date.now().toString(36);
const record: StreamRecord = { topic: 'word-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const upsert = (word: string, count: number, version: number): VersionedUpsert<WordCount> => ({
  topic: 'word-counts',
  key: word,
  value: { word, count, updatedAt: new Date(1700000000000 + version).toISOString() },
  version,
  record,
});

interface Case {
  name: string;
  adapter: () => StoreAdapter<WordCount>;
  read: () => Promise<Map<string, number>>;
  reset?: () => Promise<void>;
}

const redisUrl = testRedisUrl(7);
const cassandraKeyspace = `it_adapters_${run}`;
const mongoDb = `it_adapters_${run}`;
const cases: Case[] = [
  {
    name: 'redis',
    adapter: () => new RedisWordCountsAdapter(redisUrl),
    read: async () => {
      const r = new Redis(redisUrl);
      try {
        return await readRedisWordCounts(r);
      } finally {
        r.disconnect();
      }
    },
    reset: async () => {
      await flushRedisDb(redisUrl);
    },
  },
  {
    name: 'cassandra',
    adapter: () => new CassandraWordCountsAdapter({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1', keyspace: cassandraKeyspace, replicationFactor: 1 }),
    read: () => readCassandraWordCounts(cassandraKeyspace),
  },
  {
    name: 'mongo',
    adapter: () => new MongoWordCountsAdapter({ url: 'mongodb://127.0.0.1:27017', database: mongoDb }),
    read: () => readMongoWordCounts(mongoDb),
  },
];

describe.each(cases)('word-count adapter: $name', ({ adapter: make, read, reset }) => {
  const adapter = make();
  beforeAll(async () => {
    await reset?.();
    await adapter.connect();
  });
  afterAll(() => adapter.close());

  it('upserts absolute counts and is idempotent: the same batch twice leaves the same rows', async () => {
    const batch = [upsert('hidalgo', 3, 10), upsert('mancha', 7, 11)];
    expect(await adapter.write(batch)).toEqual([]);
    expect(await adapter.write(batch)).toEqual([]);
    const rows = await read();
    expect(rows.get('hidalgo')).toBe(3);
    expect(rows.get('mancha')).toBe(7);
  });

  it('ignores a replayed older version and applies a newer one', async () => {
    await adapter.write([upsert('sancho', 9, 100)]);
    await adapter.write([upsert('sancho', 5, 50)]);
    expect((await read()).get('sancho')).toBe(9);
    await adapter.write([upsert('sancho', 12, 101)]);
    expect((await read()).get('sancho')).toBe(12);
  });

  it('writes a batch of 5,000 words', async () => {
    const batch = Array.from({ length: 5000 }, (_, i) => upsert(`w${i}`, i + 1, 1000 + i));
    expect(await adapter.write(batch)).toEqual([]);
    const rows = await read();
    expect(rows.get('w0')).toBe(1);
    expect(rows.get('w4999')).toBe(5000);
  });

  it('answers ping against the live server', async () => {
    expect(await adapter.ping()).toBe(true);
  });

  it('clear() deletes every row it wrote, and writes with low versions apply again after it (a recreated topic)', async () => {
    expect((await read()).size).toBeGreaterThan(0);
    await adapter.clear!();
    expect((await read()).size).toBe(0);
    expect(await adapter.write([upsert('sancho', 1, 0)])).toEqual([]);
    expect((await read()).get('sancho')).toBe(1);
  });
});
