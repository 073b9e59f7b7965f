import { MongoClient, MongoServerError } from 'mongodb';
import type { MongoConfig } from '@sluice/config';
import { SharedConnection } from '../shared-connection';

/**
 * One MongoDB client shared by every collection adapter of a writer (one pool, one readiness
 * answer). `connect()` is idempotent; after `close()` the next `connect()` builds a new client.
 */
export class MongoConnection extends SharedConnection<MongoClient> {
  constructor(readonly config: MongoConfig) {
    super();
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

  protected async open(track: (client: MongoClient) => void): Promise<MongoClient> {
    const client = new MongoClient(this.config.url, { serverSelectionTimeoutMS: 5000, retryWrites: false });
    track(client);
    await client.connect();
    await client.db(this.config.database).command({ ping: 1 });
    return client;
  }

  protected shutdown(client: MongoClient): Promise<void> {
    return client.close();
  }
}
