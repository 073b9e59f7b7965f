import { AnyBulkWriteOperation, BulkWriteResult, Document, MongoBulkWriteError } from 'mongodb';
import type { MongoConfig } from '@sluice/config';
import { MongoConnection } from './mongo-connection';
import type { VersionedUpsert, WriteRejection } from '../../store-adapter';
import { SharedConnectionAdapter } from '../shared-connection.adapter';
import { safeMessage, StoreFailureError, transient } from '../../store-failure';
import { classifyMongoCode } from './mongo-errors';

const DUPLICATE_KEY = 11000;
/**
 * Keys per version read. The stand-in matches every document it finds against the whole `$in`
 * list (quadratic in the list), so the reads of a slice go in chunks, concurrently.
 */
const READ_CHUNK_KEYS = 200;
/** Rounds of read-compare-write before a batch whose documents keep changing is retried as a whole. */
const MAX_CAS_ROUNDS = 5;
/** Name of the unique `{ _id: 1, version: 1 }` index every result collection gets. */
export const VERSION_INDEX_NAME = 'sluice_id_version';

/** A document of a result collection: `_id` = the record key, `version` = the source offset. */
export interface VersionedDocument extends Document {
  _id: string;
  version: number;
}

/** One planned operation of a round and the item it writes. */
type Planned<T> = { item: VersionedUpsert<T>; op: AnyBulkWriteOperation<VersionedDocument>; kind: 'insert' | 'update' | 'delete' };

/**
 * The shared half of every MongoDB adapter (through a {@link MongoConnection} shared by the
 * adapters of one writer), for one collection of `<database>`. A batch is written by
 * compare-and-set on the stored version, in rounds of two requests:
 * 1. read the stored versions of the batch's keys: `find({ _id: { $in: keys } })` in chunks of 200
 *    keys, served by the `_id` index;
 * 2. one unordered `bulkWrite`: for a key whose stored version is older (or that is absent), an
 *    operation conditioned on exactly that version — `updateOne`/`deleteOne` with filter
 *    `{ _id, version: <stored> }` (served by the unique `{ _id: 1, version: 1 }` index created at
 *    `connect`), or `insertOne` when no document exists; a key whose stored version is newer or
 *    equal is stale and skipped.
 * An operation that finds its document changed meanwhile (another writer instance overlapping during
 * a rebalance: the update matches nothing, the insert hits a duplicate `_id`) is retried in the next
 * round from a fresh read. So a document's version only grows: an older version never overwrites a
 * newer one, and replaying records is harmless. (The single-request form, an upsert on
 * `{ _id, version: { $lt: v } }`, gives the same guarantee on MongoDB but no stand-in serves that
 * filter from an index: mongo-java-server scans the collection for every item.)
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

  /** Connects and creates the collection's `{ _id: 1, version: 1 }` index when missing. */
  async connect(): Promise<void> {
    await this.connection.connect();
    await this.collection().createIndex({ _id: 1, version: 1 }, { unique: true, name: VERSION_INDEX_NAME });
  }

  /** Deletes every document of the collection (its indexes stay). */
  async clear(): Promise<void> {
    await this.collection().deleteMany({});
  }

  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    let pending = [...newestPerKey(items).values()];
    const rejections: WriteRejection[] = [];
    for (let round = 1; pending.length > 0; round++) {
      if (round > MAX_CAS_ROUNDS) {
        throw new StoreFailureError(transient('WriteConflict'), `mongo: ${pending.length} documents of ${this.collectionName} changed under every one of ${MAX_CAS_ROUNDS} compare-and-set rounds`);
      }
      const plan = this.plan(pending, await this.storedVersions(pending.map((i) => i.key)));
      if (plan.length === 0) break;
      const outcome = await this.apply(plan);
      rejections.push(...outcome.rejections);
      pending = outcome.conflicts;
    }
    return rejections;
  }

  /** Stored version per key (`-1` for a document written without one; absent keys are missing). */
  private async storedVersions(keys: string[]): Promise<Map<string, number>> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += READ_CHUNK_KEYS) chunks.push(keys.slice(i, i + READ_CHUNK_KEYS));
    const reads = chunks.map((chunk) => this.collection().find({ _id: { $in: chunk } }, { projection: { version: 1 } }).toArray());
    const docs = (await Promise.all(reads)).flat();
    return new Map(docs.map((d) => [d._id, typeof d.version === 'number' ? d.version : -1]));
  }

  private plan(items: VersionedUpsert<T>[], stored: Map<string, number>): Planned<T>[] {
    const plan: Planned<T>[] = [];
    for (const item of items) {
      const current = stored.get(item.key);
      if (current !== undefined && current >= item.version) continue; // stale: a newer or equal version is stored
      const set = this.fields(item);
      // A document without a version field (written by hand) is matched by its missing field.
      const filter = { _id: item.key, version: current === -1 ? { $exists: false } : current };
      if (set === null) {
        if (current !== undefined) plan.push({ item, kind: 'delete', op: { deleteOne: { filter } } as AnyBulkWriteOperation<VersionedDocument> });
      } else if (current === undefined) {
        plan.push({ item, kind: 'insert', op: { insertOne: { document: { ...set, _id: item.key, version: item.version } } } });
      } else {
        plan.push({ item, kind: 'update', op: { updateOne: { filter, update: { $set: { ...set, version: item.version } } } } as AnyBulkWriteOperation<VersionedDocument> });
      }
    }
    return plan;
  }

  /**
   * Runs one round. @returns the items to retry (their document changed since the read) and the
   * items the store refused for good. Which update or delete missed is not reported per item, so
   * when the counts fall short every update and delete of the round is read again: the ones that
   * were applied are then stale and skipped.
   */
  private async apply(plan: Planned<T>[]): Promise<{ conflicts: VersionedUpsert<T>[]; rejections: WriteRejection[] }> {
    let result: BulkWriteResult;
    const failed = new Set<number>();
    const conflicts: VersionedUpsert<T>[] = [];
    const rejections: WriteRejection[] = [];
    try {
      result = await this.collection().bulkWrite(plan.map((p) => p.op), { ordered: false });
    } catch (e) {
      if (!(e instanceof MongoBulkWriteError)) throw e;
      const writeErrors = (Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors]).filter(Boolean);
      // A bulk error without per-operation errors is the command failing: classified by its code.
      if (writeErrors.length === 0) throw e;
      if (e.writeConcernError) throw new StoreFailureError(transient('WriteConcernError'), `mongo write concern failed: ${safeMessage(e)}`, { cause: e });
      for (const we of writeErrors) {
        failed.add(we.index);
        const { item } = plan[we.index];
        if (we.code === DUPLICATE_KEY) {
          conflicts.push(item); // inserted meanwhile by another instance: compare again
          continue;
        }
        // A store-level code on an item (a node stepping down, a revoked permission): the batch waits or is retried.
        const failure = classifyMongoCode(we.code, true);
        if (failure.kind !== 'record-rejected') throw new StoreFailureError(failure, `mongo refused the batch: ${we.errmsg ?? we.code}`, { cause: e });
        rejections.push({ record: item.record, reason: 'not-writable', detail: `mongo rejected it: ${we.errmsg ?? we.code}` });
      }
      result = e.result;
    }
    const expected = (kind: Planned<T>['kind']) => plan.filter((p, i) => p.kind === kind && !failed.has(i));
    const updates = expected('update');
    const deletes = expected('delete');
    if (result.matchedCount < updates.length || result.deletedCount < deletes.length) conflicts.push(...updates.map((p) => p.item), ...deletes.map((p) => p.item));
    return { conflicts, rejections };
  }

  private collection() {
    return this.connection.connected.db(this.connection.config.database).collection<VersionedDocument>(this.collectionName);
  }
}

/** The item with the highest version of every key (the others are stale within the batch). */
function newestPerKey<T>(items: readonly VersionedUpsert<T>[]): Map<string, VersionedUpsert<T>> {
  const newest = new Map<string, VersionedUpsert<T>>();
  for (const i of items) {
    const seen = newest.get(i.key);
    if (seen === undefined || seen.version < i.version) newest.set(i.key, i);
  }
  return newest;
}
