import Redis, { ChainableCommander } from 'ioredis';
import { StoreAdapter, VersionedUpsert, WriteRejection } from '../../store-adapter';

/**
 * The shared half of every Redis adapter: one ioredis client with the subclass's Lua scripts
 * defined as commands, one pipeline per batch (the subclass queues its calls on it), and the
 * classification of Redis errors. Every script is a compare-and-set on the item's version, so a
 * replayed older record never overwrites a newer value.
 */
export abstract class RedisAdapter<T> implements StoreAdapter<T> {
  readonly store = 'redis';
  readonly maxConcurrentBatches = 3;
  private redis: Redis | undefined;

  constructor(private readonly url: string) {}

  /** Lua scripts to define, by command name. */
  protected abstract scripts(): Record<string, string>;
  /** Queues the calls that write `items` on `pipeline` (its commands include the scripts). */
  protected abstract queue(pipeline: ChainableCommander, items: readonly VersionedUpsert<T>[]): void;

  async connect(): Promise<void> {
    this.redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    for (const [name, lua] of Object.entries(this.scripts())) this.redis.defineCommand(name, { lua });
    await this.redis.connect();
  }

  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    const pipeline = this.client().pipeline();
    this.queue(pipeline, items);
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
    if (!this.redis) throw new Error(`${this.constructor.name} used before connect()`);
    return this.redis;
  }
}

/** Calls a script defined by {@link RedisAdapter.scripts} on a pipeline. */
export function callScript(pipeline: ChainableCommander, name: string, args: Array<string | number>): void {
  (pipeline as unknown as Record<string, (...a: Array<string | number>) => void>)[name](...args);
}
