import { AnyBulkWriteOperation, MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import type { MongoConfig } from '@sluice/config';
import type { WordCount } from '@sluice/contracts';
import { StoreAdapter, VersionedUpsert, WriteRejection } from '../store-adapter';

/** A document of `<database>.words`: the seed's layout plus the version that orders updates. */
export interface WordDocument {
  _id: string;
  count: number;
  updatedAt: Date;
  version: number;
}

const DUPLICATE_KEY = 11000;

/**
 * Writes `word-counts` into MongoDB (FerretDB natively): collection `words`, documents
 * `{ _id: <word>, count, updatedAt, version }`, one unordered `bulkWrite` per batch of conditional
 * upserts `updateOne({ _id, version: { $lt: v } }, { $set }, { upsert: true })`.
 * When a document with a newer or equal version exists, the filter misses and the upsert's insert
 * hits a duplicate `_id`: that error means "stale, skip".
 */
export class MongoWordCountsAdapter implements StoreAdapter<WordCount> {
  readonly store = 'mongo';
  readonly maxConcurrentBatches = 3;
  private client: MongoClient | undefined;

  constructor(private readonly config: MongoConfig) {}

  async connect(): Promise<void> {
    const client = new MongoClient(this.config.url, { serverSelectionTimeoutMS: 5000, retryWrites: false });
    this.client = client;
    await client.connect();
    await client.db(this.config.database).command({ ping: 1 });
  }

  async write(items: readonly VersionedUpsert<WordCount>[]): Promise<WriteRejection[]> {
    const ops: AnyBulkWriteOperation<WordDocument>[] = items.map((i) => ({
      updateOne: {
        filter: { _id: i.key, version: { $lt: i.version } },
        update: { $set: { count: i.value.count, updatedAt: new Date(i.value.updatedAt), version: i.version } },
        upsert: true,
      },
    }));
    try {
      await this.words().bulkWrite(ops, { ordered: false });
      return [];
    } catch (e) {
      if (!(e instanceof MongoBulkWriteError)) throw e;
      const rejections: WriteRejection[] = [];
      const writeErrors = (Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors]).filter(Boolean);
      // A bulk error without per-operation errors is the connection or write concern failing: retry it all.
      if (writeErrors.length === 0 || e.writeConcernError) throw e;
      for (const we of writeErrors) {
        if (we.code === DUPLICATE_KEY) continue; // a newer version is stored: stale, skip
        if (this.isTransient(we)) throw e; // e.g. a node stepping down mid-batch
        rejections.push({ record: items[we.index].record, reason: 'not-writable', detail: `mongo refused it: ${we.errmsg ?? we.code}` });
      }
      return rejections;
    }
  }

  async ping(): Promise<boolean> {
    const r = await this.requireClient().db(this.config.database).command({ ping: 1 });
    return r.ok === 1;
  }

  isTransient(error: unknown): boolean {
    const e = error as MongoServerError & { code?: number; name?: string };
    if (e?.name && /MongoNetwork|MongoServerSelection|MongoTopologyClosed|PoolCleared|MongoNotConnected/.test(e.name)) return true;
    if (typeof e?.hasErrorLabel === 'function' && e.hasErrorLabel('RetryableWriteError')) return true;
    return /ECONNREFUSED|ECONNRESET|timed out|Topology is closed|connection.*closed/i.test(e?.message ?? String(e?.code ?? ''));
  }

  async close(): Promise<void> {
    await this.client?.close().catch(() => undefined); // closing a broken client is best effort
    this.client = undefined;
  }

  private words() {
    return this.requireClient().db(this.config.database).collection<WordDocument>('words');
  }

  private requireClient(): MongoClient {
    if (!this.client) throw new Error('MongoWordCountsAdapter used before connect()');
    return this.client;
  }
}
