import type { ChainableCommander } from 'ioredis';
import type { WordCount } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { callScript, RedisAdapter } from './redis.adapter';

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
 * Writes `word-counts` into Redis as `HSET words:<word> count <n> version <offset>`: EVALSHA calls
 * of 500 keys each running a compare-and-set Lua script.
 */
export class RedisWordCountsAdapter extends RedisAdapter<WordCount> {
  protected readonly keyPattern = 'words:*';
  protected scripts() {
    return { upsertIfNewer: UPSERT_IF_NEWER };
  }

  protected queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<WordCount>[]): void {
    for (let i = 0; i < items.length; i += KEYS_PER_CALL) {
      const chunk = items.slice(i, i + KEYS_PER_CALL);
      const args: Array<string | number> = [chunk.length, ...chunk.map((c) => redisWordKey(c.key))];
      for (const c of chunk) args.push(c.value.count, c.version);
      callScript(pipeline, 'upsertIfNewer', args);
    }
  }
}
