import { MongoClient, MongoServerError } from 'mongodb';
import type { MongoConfig } from '@sluice/config';

/**
 * One MongoDB client shared by every collection adapter of a writer (one pool, one readiness
 * answer). `connect()` is idempotent; after `close()` the next `connect()` builds a new client.
 */
export class MongoConnection {
  private client: MongoClient | undefined;
  private connecting: Promise<MongoClient> | undefined;

  constructor(readonly config: MongoConfig) {}

  /** Connects once and pings the database. @throws when the server is unreachable */
  connect(): Promise<MongoClient> {
    this.connecting ??= this.open().catch((e) => {
      this.connecting = undefined;
      throw e;
    });
    return this.connecting;
  }

  /** The connected client. @throws when used before {@link connect} */
  get connected(): MongoClient {
    if (!this.client) throw new Error('Mongo connection used before connect()');
    return this.client;
  }

  async ping(): Promise<boolean> {
    const r = await this.connected.db(this.config.database).command({ ping: 1 });
    return r.ok === 1;
  }

  /** True for network, server-selection and retryable errors. */
  isTransient(error: unknown): boolean {
    const e = error as MongoServerError & { code?: number; name?: string };
    if (e?.name && /MongoNetwork|MongoServerSelection|MongoTopologyClosed|PoolCleared|MongoNotConnected/.test(e.name)) return true;
    if (typeof e?.hasErrorLabel === 'function' && e.hasErrorLabel('RetryableWriteError')) return true;
    return /ECONNREFUSED|ECONNRESET|timed out|Topology is closed|connection.*closed/i.test(e?.message ?? String(e?.code ?? ''));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    await client?.close().catch(() => undefined); // closing a broken client is best effort
  }

  private async open(): Promise<MongoClient> {
    const client = new MongoClient(this.config.url, { serverSelectionTimeoutMS: 5000, retryWrites: false });
    this.client = client;
    await client.connect();
    await client.db(this.config.database).command({ ping: 1 });
    return client;
  }
}
