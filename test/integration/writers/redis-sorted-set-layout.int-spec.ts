import Redis from 'ioredis';
import { RedisSortedSetLayout } from '@sluice/contracts';
import { StreamRecord } from '@sluice/streaming';
import { testRedisUrl } from '@sluice/testing';
import { RedisSortedSetLayoutAdapter, VersionedUpsert } from '@sluice/writers';

/** Windowed results declared as a new job declares them beside its contracts (log-errors' windows). */
interface WindowCount {
  windowStart: string;
  code: string;
  count: number;
}
interface WindowTop {
  windowStart: string;
  top: Array<{ url: string; count: number }>;
}
const URL = testRedisUrl(14);
const TTL = 120;
const record: StreamRecord = { topic: 't', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const at = <T>(value: T, version: number): VersionedUpsert<T> => ({ topic: 't', key: 'k', value, version, record });

describe(RedisSortedSetLayoutAdapter.name, () => {
  const redis = new Redis(URL);
  const members: RedisSortedSetLayout<WindowCount> = { kind: 'sorted-set', mode: 'member', keyPattern: 'w:*', key: (r) => `w:${r.windowStart}`, member: (r) => r.code, score: (r) => r.count };
  const ranking: RedisSortedSetLayout<WindowTop> = { kind: 'sorted-set', mode: 'ranking', keyPattern: 'top:*', key: (r) => `top:${r.windowStart}`, members: (r) => r.top.map((t) => [t.url, t.count]) };
  const byMember = new RedisSortedSetLayoutAdapter(URL, members, TTL);
  const byRanking = new RedisSortedSetLayoutAdapter(URL, ranking, TTL);

  beforeAll(async () => {
    await redis.flushdb();
    await Promise.all([byMember.connect(), byRanking.connect()]);
  });
  afterAll(async () => {
    await Promise.all([byMember.close(), byRanking.close()]);
    redis.disconnect();
  });

  it('adds each result as a member of its window’s set with a TTL, a replayed older version ignored', async () => {
    await byMember.write([at({ windowStart: 'W1', code: 'ERROR_DB', count: 3 }, 10), at({ windowStart: 'W1', code: 'ERROR_IO', count: 1 }, 11), at({ windowStart: 'W2', code: 'ERROR_DB', count: 1 }, 12)]);
    await byMember.write([at({ windowStart: 'W1', code: 'ERROR_DB', count: 2 }, 9)]);
    expect(await redis.zrevrange('w:W1', 0, -1, 'WITHSCORES')).toEqual(['ERROR_DB', '3', 'ERROR_IO', '1']);
    expect(await redis.zrange('w:W2', 0, -1, 'WITHSCORES')).toEqual(['ERROR_DB', '1']);
    const ttl = await redis.ttl('w:W1');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL);
    await byMember.write([at({ windowStart: 'W1', code: 'ERROR_DB', count: 5 }, 13)]);
    expect(await redis.zscore('w:W1', 'ERROR_DB')).toBe('5');
  });

  it('replaces a window’s ranking by a newer one only', async () => {
    await byRanking.write([at({ windowStart: 'W1', top: [{ url: '/a', count: 2 }, { url: '/b', count: 1 }] }, 5)]);
    await byRanking.write([at({ windowStart: 'W1', top: [{ url: '/c', count: 9 }] }, 4)]);
    expect(await redis.zrevrange('top:W1', 0, -1, 'WITHSCORES')).toEqual(['/a', '2', '/b', '1']);
    await byRanking.write([at({ windowStart: 'W1', top: [{ url: '/c', count: 4 }] }, 6)]);
    expect(await redis.zrevrange('top:W1', 0, -1, 'WITHSCORES')).toEqual(['/c', '4']);
  });

  it('clears the sets of its pattern with their version companions', async () => {
    expect(await redis.exists('w:W1', 'w:W1:versions')).toBe(2);
    await byMember.clear();
    expect(await redis.keys('w:*')).toEqual([]);
    expect(await redis.exists('top:W1')).toBe(1);
  });
});
