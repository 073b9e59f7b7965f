import type { ChainableCommander } from 'ioredis';
import type { HashtagsTopResult, WordWindowCountResult } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { callScript, RedisAdapter } from './redis.adapter';
import type { RedisConnection } from './redis-connection';

/**
 * Sorted set of one window's word counts: `words-window:<windowStart ISO>` (member word, score
 * count). Not under `words:`, which holds one hash per word (a word may contain `:`).
 */
export const redisWordWindowKey = (windowStart: string) => `words-window:${windowStart}`;
/** Sorted set of one window's top hashtags: `hashtags-top:<windowStart ISO>` (member tag, score count). */
export const redisHashtagsTopKey = (windowStart: string) => `hashtags-top:${windowStart}`;

// Per-member compare-and-set into a window's sorted set; versions live in the hash KEYS[2].
// KEYS[1] = zset, KEYS[2] = versions hash; ARGV[1] = ttl (s), then (member, score, version) triples.
export const ZADD_IF_NEWER = `
for i = 2, #ARGV, 3 do
  local current = redis.call('HGET', KEYS[2], ARGV[i])
  if (not current) or tonumber(current) < tonumber(ARGV[i + 2]) then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return 1`;

// Replaces a window's whole ranking when the version is newer.
// KEYS[1] = zset, KEYS[2] = version key; ARGV[1] = ttl (s, 0 = no expiry), ARGV[2] = version, then (member, score) pairs.
export const REPLACE_IF_NEWER = `
local current = redis.call('GET', KEYS[2])
if (not current) or tonumber(current) < tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  for i = 3, #ARGV, 2 do redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i]) end
  redis.call('SET', KEYS[2], ARGV[2])
end
if tonumber(ARGV[1]) > 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
return 1`;

/**
 * `word-counts-windowed` → one sorted set per window, `words-window:<windowStart>`, member = word,
 * score = its count in the window (so `ZREVRANGE … WITHSCORES` is the window's ranking), with a
 * TTL: windows are short-lived results. Versions per member sit in `<set>:versions` (same TTL).
 */
export class RedisWordWindowsAdapter extends RedisAdapter<WordWindowCountResult> {
  /** The window sets and their `:versions` companions. */
  protected readonly keyPattern = redisWordWindowKey('*');
  constructor(source: RedisConnection | string, private readonly ttlSeconds: number) {
    super(source);
  }

  protected scripts() {
    return { zaddIfNewer: ZADD_IF_NEWER };
  }

  protected queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<WordWindowCountResult>[]): void {
    const byWindow = new Map<string, Array<string | number>>();
    for (const i of items) {
      const args = byWindow.get(i.value.windowStart) ?? [];
      args.push(i.value.word, i.value.count, i.version);
      byWindow.set(i.value.windowStart, args);
    }
    for (const [start, triples] of byWindow) {
      const key = redisWordWindowKey(start);
      callScript(pipeline, 'zaddIfNewer', [2, key, `${key}:versions`, this.ttlSeconds, ...triples]);
    }
  }
}

/**
 * `hashtags-top` → one sorted set per window, `hashtags-top:<windowStart>` (member = tag, score =
 * count), replaced as a whole by a newer ranking of the window, with a TTL.
 */
export class RedisHashtagsTopAdapter extends RedisAdapter<HashtagsTopResult> {
  protected readonly keyPattern = redisHashtagsTopKey('*');
  constructor(source: RedisConnection | string, private readonly ttlSeconds: number) {
    super(source);
  }

  protected scripts() {
    return { replaceIfNewer: REPLACE_IF_NEWER };
  }

  protected queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<HashtagsTopResult>[]): void {
    for (const i of items) {
      const key = redisHashtagsTopKey(i.value.windowStart);
      callScript(pipeline, 'replaceIfNewer', [2, key, `${key}:version`, this.ttlSeconds, i.version, ...i.value.top.flatMap((t) => [t.tag, t.count])]);
    }
  }
}
