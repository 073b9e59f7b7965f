import type { ChainableCommander } from 'ioredis';
import { RedisConnection } from './redis-connection';
import type { VersionedUpsert, WriteRejection } from '../../store-adapter';
import { SharedConnectionAdapter } from '../shared-connection.adapter';

/**
 * The shared half of every Redis adapter (through a {@link RedisConnection} shared by the
 * adapters of one writer): the subclass's Lua scripts defined as commands, one pipeline per batch
 * (the subclass queues its calls on it), and the classification of Redis errors. Every script is
 * a compare-and-set on the item's version, so a replayed older record never overwrites a newer value.
 */
export abstract class RedisAdapter<T> extends SharedConnectionAdapter<T, RedisConnection> {
  readonly store = 'redis';

  /** @param source the writer's shared connection, or a URL (a connection of its own) */
  constructor(source: RedisConnection | string) {
    super(source instanceof RedisConnection ? source : new RedisConnection(source));
  }

  /** The `SCAN MATCH` pattern of every key this adapter writes (e.g. `words:*`). */
  protected abstract readonly keyPattern: string;
  /** Lua scripts to define, by command name. */
  protected abstract scripts(): Record<string, string>;
  /** Queues the calls that write `items` on `pipeline` (its commands include the scripts). */
  protected abstract queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<T>[]): void;

  async connect(): Promise<void> {
    await this.connection.connect();
    this.connection.define(this.scripts());
  }

  /** Unlinks every key matching {@link keyPattern} (SCAN, 1,000 keys per step). */
  async clear(): Promise<void> {
    const redis = this.connection.connected;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', this.keyPattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    const pipeline = this.connection.connected.pipeline();
    this.queue(pipeline, items);
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
    return [];
  }
}

/** Calls a script defined by {@link RedisAdapter.scripts} on a pipeline. */
export function callScript(pipeline: ChainableCommander, name: string, args: Array<string | number>): void {
  (pipeline as unknown as Record<string, (...a: Array<string | number>) => void>)[name](...args);
}
