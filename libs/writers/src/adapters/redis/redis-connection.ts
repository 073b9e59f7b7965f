import Redis from 'ioredis';

/**
 * One ioredis client shared by every Redis adapter of a writer (one connection, one readiness
 * answer). `connect()` is idempotent; after `close()` the next `connect()` builds a new client.
 * Adapters define their Lua scripts on it with {@link define}.
 */
export class RedisConnection {
  private redis: Redis | undefined;
  private connecting: Promise<Redis> | undefined;

  constructor(readonly url: string) {}

  /** Connects once. @throws when Redis is unreachable */
  connect(): Promise<Redis> {
    this.connecting ??= this.open().catch((e) => {
      this.connecting = undefined;
      throw e;
    });
    return this.connecting;
  }

  /** The connected client. @throws when used before {@link connect} */
  get connected(): Redis {
    if (!this.redis) throw new Error('Redis connection used before connect()');
    return this.redis;
  }

  /** Defines Lua scripts as commands (by name) on the client. */
  define(scripts: Record<string, string>): void {
    const redis = this.connected as Redis & Record<string, unknown>;
    for (const [name, lua] of Object.entries(scripts)) if (typeof redis[name] !== 'function') redis.defineCommand(name, { lua });
  }

  async ping(): Promise<boolean> {
    return (await this.connected.ping()) === 'PONG';
  }

  /** Connection-level failures and a loading/busy server are transient; script or type errors are not. */
  isTransient(error: unknown): boolean {
    const msg = (error as Error)?.message ?? '';
    return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection is closed|Stream isn't writeable|enableOfflineQueue|LOADING|BUSY|MaxRetriesPerRequest|TRYAGAIN/i.test(msg);
  }

  async close(): Promise<void> {
    const redis = this.redis;
    this.redis = undefined;
    this.connecting = undefined;
    await redis?.quit().catch(() => redis.disconnect()); // quit fails when already disconnected
  }

  private async open(): Promise<Redis> {
    const redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis = redis;
    await redis.connect();
    return redis;
  }
}
