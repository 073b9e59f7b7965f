import type { ChainableCommander } from 'ioredis';
import type { RedisHashLayout } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { callScript, RedisAdapter } from './redis.adapter';
import type { RedisConnection } from './redis-connection';

// Compare-and-set per key: the fields and the version are written only when the stored version is
// older. ARGV per key: n, then n field/value pairs, then the version (source offset).
const UPSERT_HASH_IF_NEWER = `
local c = 1
local written = 0
for i = 1, #KEYS do
  local n = tonumber(ARGV[c])
  local version = ARGV[c + 2 * n + 1]
  local current = redis.call('HGET', KEYS[i], 'version')
  if (not current) or tonumber(current) < tonumber(version) then
    local args = {}
    for j = 1, 2 * n do args[j] = ARGV[c + j] end
    args[2 * n + 1] = 'version'
    args[2 * n + 2] = version
    redis.call('HSET', KEYS[i], unpack(args))
    written = written + 1
  end
  c = c + 2 * n + 2
end
return written`;

const KEYS_PER_CALL = 500;

/**
 * Writes a result declared with a {@link RedisHashLayout} beside its contract: one hash per result,
 * `HSET <layout.key> <field> <value> ... version <offset>`, through EVALSHA calls of 500 keys each
 * running a compare-and-set on `version`, so a replayed older record never overwrites a newer value
 * and a batch written twice leaves the same state.
 *
 * @throws (from `write`) Error when a layout gives a field named `version` (reserved) — a definition bug
 */
export class RedisHashLayoutAdapter<T> extends RedisAdapter<T> {
  /** @param source the writer's shared connection, or a URL */
  constructor(source: RedisConnection | string, private readonly layout: RedisHashLayout<T>) {
    super(source);
  }

  protected get keyPattern(): string {
    return this.layout.keyPattern;
  }

  protected scripts() {
    return { upsertHashIfNewer: UPSERT_HASH_IF_NEWER };
  }

  protected queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<T>[]): void {
    for (let i = 0; i < items.length; i += KEYS_PER_CALL) {
      const chunk = items.slice(i, i + KEYS_PER_CALL);
      const keys = chunk.map((c) => this.layout.key(c.value));
      const args: Array<string | number> = [];
      for (const c of chunk) {
        const fields = Object.entries(this.layout.fields(c.value));
        if (fields.some(([f]) => f === 'version')) throw new Error(`redis hash layout of ${c.topic}: the field "version" is reserved`);
        args.push(fields.length, ...fields.flat(), c.version);
      }
      callScript(pipeline, 'upsertHashIfNewer', [keys.length, ...keys, ...args]);
    }
  }
}
