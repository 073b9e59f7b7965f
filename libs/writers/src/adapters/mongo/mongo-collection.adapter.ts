import { AnyBulkWriteOperation, Document, MongoBulkWriteError } from 'mongodb';
import type { MongoConfig } from '@sluice/config';
import { MongoConnection } from './mongo-connection';
import type { VersionedUpsert, WriteRejection } from '../../store-adapter';
import { SharedConnectionAdapter } from '../shared-connection.adapter';
import { safeMessage, StoreFailureError, transient } from '../../store-failure';
import { classifyMongoCode } from './mongo-errors';

const DUPLICATE_KEY = 11000;

/** A document of a result collection: `_id` = the record key, `version` = the source offset. */
export interface VersionedDocument extends Document {
  _id: string;
  version: number;
}

/**
 * The shared half of every MongoDB adapter (through a {@link MongoConnection} shared by the
 * adapters of one writer): one unordered `bulkWrite` per batch into one
 * collection of `<database>`, each item a conditional operation on `{ _id: <key>, version: { $lt: v } }`:
 * - an upsert (`updateOne … { upsert: true }`): when a document with a newer or equal version exists
 *   the filter misses and the insert hits a duplicate `_id` — that error means "stale, skip";
 * - a delete (`deleteOne`): removes the document only when it is older than the delete.
 * Subclasses give the collection name and the `$set` of an item (or `null` for a delete).
 */
export abstract class MongoCollectionAdapter<T> extends SharedConnectionAdapter<T, MongoConnection> {
  readonly store = 'mongo';

  /** @param source the writer's shared connection, or a configuration (a connection of its own) */
  constructor(source: MongoConnection | MongoConfig) {
    super(source instanceof MongoConnection ? source : new MongoConnection(source));
  }

  /** Name of the collection in `<database>`. */
  abstract readonly collectionName: string;
  /** Fields to set for an item (`version` is added), or `null` to delete its document. */
  protected abstract fields(item: VersionedUpsert<T>): Document | null;

  async connect(): Promise<void> {
    await this.connection.connect();
  }

  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    const ops: AnyBulkWriteOperation<VersionedDocument>[] = items.map((i) => {
      const filter = { _id: i.key, version: { $lt: i.version } };
      const set = this.fields(i);
      return set === null ? { deleteOne: { filter } } : { updateOne: { filter, update: { $set: { ...set, version: i.version } }, upsert: true } };
    });
    try {
      await this.collection().bulkWrite(ops, { ordered: false });
      return [];
    } catch (e) {
      if (!(e instanceof MongoBulkWriteError)) throw e;
      const rejections: WriteRejection[] = [];
      const writeErrors = (Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors]).filter(Boolean);
      // A bulk error without per-operation errors is the command failing: classified by its code.
      if (writeErrors.length === 0) throw e;
      if (e.writeConcernError) throw new StoreFailureError(transient('WriteConcernError'), `mongo write concern failed: ${safeMessage(e)}`, { cause: e });
      for (const we of writeErrors) {
        if (we.code === DUPLICATE_KEY) continue; // a newer version is stored: stale, skip
        // A store-level code on an item (a node stepping down, a revoked permission): the batch waits or is retried.
        const failure = classifyMongoCode(we.code, true);
        if (failure.kind !== 'record-rejected') throw new StoreFailureError(failure, `mongo refused the batch: ${we.errmsg ?? we.code}`, { cause: e });
        rejections.push({ record: items[we.index].record, reason: 'not-writable', detail: `mongo rejected it: ${we.errmsg ?? we.code}` });
      }
      return rejections;
    }
  }

  private collection() {
    return this.connection.connected.db(this.connection.config.database).collection<VersionedDocument>(this.collectionName);
  }
}
