import type { ChainableCommander } from 'ioredis';
import type { RedisSortedSetLayout } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { callScript, RedisAdapter } from './redis.adapter';
import type { RedisConnection } from './redis-connection';
import { REPLACE_IF_NEWER, ZADD_IF_NEWER } from './redis-window-sets.adapter';

/**
 * Writes a windowed result declared with a {@link RedisSortedSetLayout} beside its contract, with
 * the scripts of the hand-written window adapters (the same compare-and-set on versions, the same
 * TTL): `member` mode adds each result as one member of its window's set (as
 * `word-counts-windowed`), `ranking` mode replaces the window's set by a newer ranking (as
 * `hashtags-top`; with `expires: false` the set has no TTL). Idempotent: a batch written twice, or an older record replayed, changes nothing.
 */
export class RedisSortedSetLayoutAdapter<T> extends RedisAdapter<T> {
  /**
   * @param source the writer's shared connection, or a URL
   * @param ttlSeconds how long a window's set lives after its last write (`REDIS_WINDOW_TTL_S`)
   */
  constructor(source: RedisConnection | string, private readonly layout: RedisSortedSetLayout<T>, private readonly ttlSeconds: number) {
    super(source);
  }

  protected get keyPattern(): string {
    return this.layout.keyPattern;
  }

  protected scripts() {
    return { zaddIfNewer: ZADD_IF_NEWER, replaceIfNewer: REPLACE_IF_NEWER };
  }

  protected queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<T>[]): void {
    const layout = this.layout;
    if (layout.mode === 'ranking') {
      for (const i of items) {
        const key = layout.key(i.value);
        callScript(pipeline, 'replaceIfNewer', [2, key, `${key}:version`, layout.expires === false ? 0 : this.ttlSeconds, i.version, ...layout.members(i.value).flat()]);
      }
      return;
    }
    const bySet = new Map<string, Array<string | number>>();
    for (const i of items) {
      const key = layout.key(i.value);
      const args = bySet.get(key) ?? [];
      args.push(layout.member(i.value), layout.score(i.value), i.version);
      bySet.set(key, args);
    }
    for (const [key, triples] of bySet) callScript(pipeline, 'zaddIfNewer', [2, key, `${key}:versions`, this.ttlSeconds, ...triples]);
  }
}
