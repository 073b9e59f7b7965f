import Redis, { ReplyError } from 'ioredis';
import { WordCount } from '@sluice/contracts';
import { StreamRecord } from '@sluice/streaming';
import { testRedisUrl } from '@sluice/testing';
import { RedisWordCountsAdapter, VersionedUpsert } from '@sluice/writers';

const URL = testRedisUrl(6);
const record: StreamRecord = { topic: 'word-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const upsert = (word: string, count: number, version: number): VersionedUpsert<WordCount> => ({
  topic: 'word-counts',
  key: word,
  value: { word, count, updatedAt: new Date(0).toISOString() },
  version,
  record,
});

describe(RedisWordCountsAdapter.name, () => {
  const redis = new Redis(URL);
  const adapter = new RedisWordCountsAdapter(URL);

  beforeAll(async () => {
    await redis.flushdb();
    await adapter.connect();
  });
  afterAll(async () => {
    await adapter.close();
    redis.disconnect();
  });

  describe('write', () => {
    it("writes the seed's layout: HSET words:<word> count <n>", async () => {
      expect(await adapter.write([upsert('hidalgo', 3, 10)])).toEqual([]);
      expect(await redis.hget('words:hidalgo', 'count')).toBe('3');
      expect(await redis.hget('words:hidalgo', 'version')).toBe('10');
    });

    it('is idempotent: the same batch twice leaves the same state', async () => {
      const batch = [upsert('a', 1, 1), upsert('b', 2, 2)];
      await adapter.write(batch);
      await adapter.write(batch);
      expect(await redis.hgetall('words:a')).toEqual({ count: '1', version: '1' });
      expect(await redis.hgetall('words:b')).toEqual({ count: '2', version: '2' });
    });

    it('ignores a replayed older version and applies a newer one', async () => {
      await adapter.write([upsert('sancho', 9, 100)]);
      await adapter.write([upsert('sancho', 5, 50)]);
      expect(await redis.hget('words:sancho', 'count')).toBe('9');
      await adapter.write([upsert('sancho', 12, 101)]);
      expect(await redis.hget('words:sancho', 'count')).toBe('12');
    });

    it('writes batches larger than one script call (500 keys)', async () => {
      const batch = Array.from({ length: 1234 }, (_, i) => upsert(`w${i}`, i + 1, i));
      await adapter.write(batch);
      expect(await redis.hget('words:w0', 'count')).toBe('1');
      expect(await redis.hget('words:w1233', 'count')).toBe('1234');
    });
  });

  describe('classify', () => {
    it('treats connection failures as transient and script errors as record-level', () => {
      expect(adapter.classify(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' })).kind).toBe('transient');
      expect(adapter.classify(new ReplyError('ERR Error running script: user_script:5: bad argument')).kind).toBe('record-rejected');
    });
  });

  describe('ping', () => {
    it('answers true against a live server', async () => {
      expect(await adapter.ping()).toBe(true);
    });
  });
});
