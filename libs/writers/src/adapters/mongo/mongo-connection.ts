import { MongoClient } from 'mongodb';
import type { MongoConfig } from '@sluice/config';
import type { StoreFailure } from '../../store-failure';
import { SharedConnection } from '../shared-connection';
import { classifyMongoError } from './mongo-errors';

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

  /** See {@link classifyMongoError}. */
  classify(error: unknown): StoreFailure {
    return classifyMongoError(error);
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
