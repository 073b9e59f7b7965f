import Redis from 'ioredis';
import type { StoreFailure } from '../../store-failure';
import { SharedConnection } from '../shared-connection';
import { classifyRedisError } from './redis-errors';

/**
 * One ioredis client shared by every Redis adapter of a writer (one connection, one readiness
 * answer). `connect()` is idempotent; after `close()` the next `connect()` builds a new client.
 * Adapters define their Lua scripts on it with {@link define}.
 */
export class RedisConnection extends SharedConnection<Redis> {
  constructor(readonly url: string) {
    super();
  }

  /** Defines Lua scripts as commands (by name) on the client. */
  define(scripts: Record<string, string>): void {
    const redis = this.connected as Redis & Record<string, unknown>;
    for (const [name, lua] of Object.entries(scripts)) if (typeof redis[name] !== 'function') redis.defineCommand(name, { lua });
  }

  async ping(): Promise<boolean> {
    return (await this.connected.ping()) === 'PONG';
  }

  /** See {@link classifyRedisError}. */
  classify(error: unknown): StoreFailure {
    return classifyRedisError(error);
  }

  protected async open(track: (client: Redis) => void): Promise<Redis> {
    const redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    track(redis);
    await redis.connect();
    return redis;
  }

  protected async shutdown(redis: Redis): Promise<void> {
    await redis.quit().catch(() => redis.disconnect()); // quit fails when already disconnected
  }
}
