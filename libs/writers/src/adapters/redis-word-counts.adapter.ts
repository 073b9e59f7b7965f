import Redis from 'ioredis';
import { WordCount } from '@sluice/contracts';
import { StoreAdapter, VersionedUpsert, WriteRejection } from '../store-adapter';

/** Redis key of a word: the seed notebook's layout `words:<word>` (a hash with field `count`). */
export const redisWordKey = (word: string) => `words:${word}`;

// Compare-and-set per key: write count and version only when the stored version is older.
// KEYS[i] = words:<word>; ARGV[2i-1] = count, ARGV[2i] = version (source offset).
const UPSERT_IF_NEWER = `
local written = 0
for i = 1, #KEYS do
  local current = redis.call('HGET', KEYS[i], 'version')
  local version = ARGV[2 * i]
  if (not current) or tonumber(current) < tonumber(version) then
    redis.call('HSET', KEYS[i], 'count', ARGV[2 * i - 1], 'version', version)
    written = written + 1
  end
end
return written`;

const KEYS_PER_CALL = 500;

/**
 * Writes `word-counts` into Redis as `HSET words:<word> count <n> version <offset>`.
 * One pipeline per batch of EVALSHA calls (500 keys each) running a compare-and-set Lua script,
 * so a replayed older record never overwrites a newer count.
 */
export class RedisWordCountsAdapter implements StoreAdapter<WordCount> {
  readonly store = 'redis';
  readonly maxConcurrentBatches = 3;
  private redis: Redis | undefined;

  constructor(private readonly url: string) {}

  async connect(): Promise<void> {
    this.redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.defineCommand('upsertIfNewer', { lua: UPSERT_IF_NEWER });
    await this.redis.connect();
  }

  async write(items: readonly VersionedUpsert<WordCount>[]): Promise<WriteRejection[]> {
    const redis = this.client();
    const pipeline = redis.pipeline();
    for (let i = 0; i < items.length; i += KEYS_PER_CALL) {
      const chunk = items.slice(i, i + KEYS_PER_CALL);
      const args: Array<string | number> = [chunk.length, ...chunk.map((c) => redisWordKey(c.key))];
      for (const c of chunk) args.push(c.value.count, c.version);
      (pipeline as unknown as { upsertIfNewer(...a: Array<string | number>): void }).upsertIfNewer(...args);
    }
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
    return [];
  }

  async ping(): Promise<boolean> {
    return (await this.client().ping()) === 'PONG';
  }

  isTransient(error: unknown): boolean {
    const msg = (error as Error)?.message ?? '';
    // Connection-level failures and a loading/busy server are transient; script or type errors are not.
    return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection is closed|Stream isn't writeable|enableOfflineQueue|LOADING|BUSY|MaxRetriesPerRequest|TRYAGAIN/i.test(msg);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect()); // quit fails when already disconnected
  }

  private client(): Redis {
    if (!this.redis) throw new Error('RedisWordCountsAdapter used before connect()');
    return this.redis;
  }
}
