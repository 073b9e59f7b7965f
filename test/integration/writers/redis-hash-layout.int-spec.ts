import Redis from 'ioredis';
import { RedisHashLayout } from '@sluice/contracts';
import { StreamRecord } from '@sluice/streaming';
import { testRedisUrl } from '@sluice/testing';
import { RedisHashLayoutAdapter, VersionedUpsert } from '@sluice/writers';

/** A result declared the way a new job would declare it beside its contract (issue #11, part 2's error counts). */
interface ErrorCount {
  code: string;
  count: number;
}
const layout: RedisHashLayout<ErrorCount> = { kind: 'hash', keyPattern: 'log-errors:*', key: (r) => `log-errors:${r.code}`, fields: (r) => ({ count: r.count }) };
const URL = testRedisUrl(12);
const record: StreamRecord = { topic: 'log-error-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const upsert = (code: string, count: number, version: number): VersionedUpsert<ErrorCount> => ({ topic: 'log-error-counts', key: code, value: { code, count }, version, record });

describe(RedisHashLayoutAdapter.name, () => {
  const redis = new Redis(URL);
  const adapter = new RedisHashLayoutAdapter(URL, layout);

  beforeAll(async () => {
    await redis.flushdb();
    await adapter.connect();
  });
  afterAll(async () => {
    await adapter.close();
    redis.disconnect();
  });

  describe('write', () => {
    it('writes one hash per result with the layout’s key and fields, and the version', async () => {
      expect(await adapter.write([upsert('ERROR_DB', 3, 10), upsert('UNKNOWN_ERROR', 1, 11)])).toEqual([]);
      expect(await redis.hgetall('log-errors:ERROR_DB')).toEqual({ count: '3', version: '10' });
      expect(await redis.hgetall('log-errors:UNKNOWN_ERROR')).toEqual({ count: '1', version: '11' });
    });

    it('ignores a replayed older version and applies a newer one, also within one batch', async () => {
      await adapter.write([upsert('ERROR_IO', 9, 100), upsert('ERROR_IO', 5, 50)]);
      expect(await redis.hget('log-errors:ERROR_IO', 'count')).toBe('9');
      await adapter.write([upsert('ERROR_IO', 12, 101)]);
      expect(await redis.hgetall('log-errors:ERROR_IO')).toEqual({ count: '12', version: '101' });
    });

    it('writes batches larger than one script call (500 keys)', async () => {
      await adapter.write(Array.from({ length: 1203 }, (_, i) => upsert(`E${i}`, i + 1, 1000 + i)));
      expect(await redis.hget('log-errors:E0', 'count')).toBe('1');
      expect(await redis.hget('log-errors:E1202', 'count')).toBe('1203');
    });

    it('refuses a layout that writes the reserved field "version", writing nothing', async () => {
      const bad = new RedisHashLayoutAdapter<ErrorCount>(URL, { kind: 'hash', keyPattern: 'bad:*', key: (r) => `bad:${r.code}`, fields: (r) => ({ version: r.count }) });
      await bad.connect();
      await expect(bad.write([upsert('X', 1, 1)])).rejects.toThrow('the field "version" is reserved');
      expect(await redis.exists('bad:X')).toBe(0);
      await bad.close();
    });
  });

  describe('clear', () => {
    it('unlinks every key of the layout’s pattern and nothing else', async () => {
      await redis.set('other:key', '1');
      await adapter.write([upsert('ERROR_X', 1, 5000)]);
      await adapter.clear();
      expect(await redis.keys('log-errors:*')).toEqual([]);
      expect(await redis.get('other:key')).toBe('1');
    });
  });
});
