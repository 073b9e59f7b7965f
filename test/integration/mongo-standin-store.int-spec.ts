import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Binary, BSON, Decimal128, Document, Double, Int32, Long, MongoClient, MongoServerError, ObjectId } from 'mongodb';
import type { WordCount } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import { MongoWordCountsAdapter, VERSION_INDEX_NAME, type VersionedUpsert } from '@sluice/writers';
import { compileMongoStandIn, MongoStandIn } from '@sluice/testing';

/**
 * The native stack's Mongo stand-in on its H2 file (tools/mongo-java-server compiled from this
 * checkout: TypedH2Backend), run privately on a port of 27100–27199 with files under the temp
 * folder (the stack's server on 27017 is not touched): the uniqueness semantics the writer relies
 * on, its compare-and-set, a clean restart, renaming a collection and dropping a database (both
 * lost data with the library's H2Database), and the in-place migration of a file written by the
 * older build (the plain H2 backend, `--legacy-format`).
 */
const DUPLICATE_KEY = 11000;
/** The compound ids used here (the driver's typings need the shape of an _id to type filters on it). */
interface CompoundId {
  a: number | Double;
  b: string;
}
/** A document whose _id is of any of the types used here (the driver's default schema types _id as an ObjectId). */
interface AnyIdDocument {
  _id: string | number | Int32 | Double | Long | ObjectId | CompoundId;
  [field: string]: unknown;
}
const record: StreamRecord = { topic: 'word-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };

/** Documents of many value types, the ids of several types and two compound ids differing only in field order. */
function variedDocuments(): AnyIdDocument[] {
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  return [
    ...Array.from({ length: 500 }, (_, i) => ({ _id: `w${i}`, count: i, updatedAt: at, version: 1 })),
    { _id: new Int32(7), kind: 'int32 id', n: new Double(0.5), big: Long.fromString('9007199254740993'), d: Decimal128.fromString('1.10') },
    { _id: new Double(7.5), kind: 'double id', nested: { a: [1, 'two', null, { deep: true }], empty: {} } },
    { _id: Long.fromString('9007199254740993'), kind: 'long id not representable as a double' },
    { _id: new ObjectId('656565656565656565656565'), kind: 'object id', bin: new Binary(Buffer.from([0, 1, 254, 255])) },
    { _id: { a: 1, b: 'x' }, kind: 'compound a,b' },
    { _id: { b: 'x', a: 1 }, kind: 'compound b,a' },
  ];
}

/** Every document (sorted by _id by the server) and every index of `db.words`, as canonical extended JSON. */
async function snapshot(url: string, database: string): Promise<{ docs: string[]; indexes: string }> {
  const client = new MongoClient(url, { directConnection: true });
  try {
    const words = client.db(database).collection('words');
    const docs = (await words.find({}).sort({ _id: 1 }).toArray()).map((d) => BSON.EJSON.stringify(d, { relaxed: false }));
    const indexes = BSON.EJSON.stringify(await words.indexes(), { relaxed: false });
    return { docs, indexes };
  } finally {
    await client.close();
  }
}

async function duplicateKeyError(write: Promise<unknown>): Promise<MongoServerError> {
  const error = await write.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  expect((error as MongoServerError).code).toBe(DUPLICATE_KEY);
  return error as MongoServerError;
}

describe('Mongo stand-in on its H2 file (TypedH2Backend)', () => {
  let classes: string;
  let dir: string;
  const started: MongoStandIn[] = [];
  const standIn = (file: string, legacyFormat = false) => {
    const s = new MongoStandIn({ classes, storage: path.join(dir, file), legacyFormat, javaOptions: ['-Xmx512m'] });
    started.push(s);
    return s;
  };

  beforeAll(() => {
    classes = compileMongoStandIn();
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-mongo-standin-'));
  });
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
    rmSync(classes, { recursive: true, force: true });
  });

  describe('uniqueness', () => {
    let server: MongoStandIn;
    let client: MongoClient;
    const db = () => client.db('unique');

    beforeAll(async () => {
      server = await standIn('unique.mv.db').start();
      client = new MongoClient(server.url, { directConnection: true, retryWrites: false });
      await client.connect();
    });
    afterAll(() => client?.close());

    it('refuses a second _id 1 whether it is sent as int32, double or int64, and keeps 1.5 apart', async () => {
      const ids = db().collection<AnyIdDocument>('numbers');
      await ids.insertOne({ _id: new Int32(1), as: 'int32' });
      const e = await duplicateKeyError(ids.insertOne({ _id: new Double(1), as: 'double' }));
      expect(e.message).toContain('_id_');
      await duplicateKeyError(ids.insertOne({ _id: Long.fromNumber(1), as: 'int64' }));
      await ids.insertOne({ _id: new Double(1.5), as: 'double' });
      expect(await ids.find({}).sort({ _id: 1 }).project({ _id: 0, as: 1 }).toArray()).toEqual([{ as: 'int32' }, { as: 'double' }]);
      expect(await ids.findOne({ _id: new Double(1) })).toMatchObject({ as: 'int32' });
    });

    it('keeps compound _ids apart by value and by field order, and refuses an equal one', async () => {
      const compound = db().collection<AnyIdDocument>('compound');
      await compound.insertMany([{ _id: { a: 1, b: 'x' }, n: 1 }, { _id: { b: 'x', a: 1 }, n: 2 }, { _id: { a: 1, b: 'y' }, n: 3 }]);
      await duplicateKeyError(compound.insertOne({ _id: { a: new Double(1), b: 'x' }, n: 4 }));
      expect(await compound.countDocuments()).toBe(3);
      expect(await compound.findOne({ _id: { b: 'x', a: 1 } })).toMatchObject({ n: 2 });
      expect(await compound.findOne({ _id: { a: 1, b: 'z' } })).toBeNull();
    });

    it('finds exactly the present ids of an $in list', async () => {
      const words = db().collection<AnyIdDocument>('in');
      await words.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `k${i}`, i })));
      const asked = ['k0', 'k299', 'k150', 'absent', 'k7', 'k300'];
      const found = await words.find({ _id: { $in: asked } }).toArray();
      expect(found.map((d) => d._id).sort()).toEqual(['k0', 'k150', 'k299', 'k7']);
    });

    it('deletes by _id, after which the _id can be inserted again', async () => {
      const words = db().collection<AnyIdDocument>('delete');
      await words.insertMany([{ _id: 'a', n: 1 }, { _id: 'b', n: 1 }]);
      expect((await words.deleteOne({ _id: 'a' })).deletedCount).toBe(1);
      expect((await words.deleteOne({ _id: 'a' })).deletedCount).toBe(0);
      await words.insertOne({ _id: 'a', n: 2 });
      await duplicateKeyError(words.insertOne({ _id: 'b', n: 2 }));
      expect(await words.find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }]);
    });

    it('serves the conditional update on { _id, version } from the unique index, and moves the key with the version', async () => {
      const words = db().collection<AnyIdDocument>('versions');
      await words.createIndex({ _id: 1, version: 1 }, { unique: true, name: VERSION_INDEX_NAME });
      await words.insertMany([{ _id: 'a', version: 1 }, { _id: 'b', version: 1 }]);
      expect((await words.updateOne({ _id: 'a', version: 1 }, { $set: { version: 2 } })).matchedCount).toBe(1);
      expect((await words.updateOne({ _id: 'a', version: 1 }, { $set: { version: 3 } })).matchedCount).toBe(0);
      expect((await words.updateOne({ _id: 'a', version: 2 }, { $set: { version: 3 } })).matchedCount).toBe(1);
      expect((await words.deleteOne({ _id: 'b', version: 2 })).deletedCount).toBe(0);
      expect((await words.deleteOne({ _id: 'b', version: 1 })).deletedCount).toBe(1);
      expect(await words.find({}).toArray()).toEqual([{ _id: 'a', version: 3 }]);
    });
  });

  describe('the Mongo writer', () => {
    it('never lets an older version overwrite a newer one (its compare-and-set against this server)', async () => {
      const server = await standIn('writer.mv.db').start();
      const database = 'writer';
      const adapter = new MongoWordCountsAdapter({ url: server.url, database });
      const client = new MongoClient(server.url, { directConnection: true });
      const upsert = (word: string, version: number): VersionedUpsert<WordCount> => ({
        topic: 'word-counts', key: word, value: { word, count: version, updatedAt: new Date(1700000000000 + version).toISOString() }, version, record,
      });
      const stored = async () => (await client.db(database).collection('words').find({}).sort({ _id: 1 }).toArray()).map((d) => [d._id, d.version, d.count]);
      try {
        await adapter.connect();
        await client.connect();
        const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
        expect(await adapter.write(words.map((w) => upsert(w, 5)))).toEqual([]);
        expect(await adapter.write(words.map((w) => upsert(w, 3)))).toEqual([]);
        expect(new Set((await stored()).map(([, v, c]) => `${v}/${c}`))).toEqual(new Set(['5/5']));
        expect(await adapter.write([...words.slice(0, 100).map((w) => upsert(w, 7)), ...words.slice(100).map((w) => upsert(w, 4))])).toEqual([]);
        const after = await stored();
        expect(after.filter(([, v]) => v === 7)).toHaveLength(100);
        expect(after.filter(([, v]) => v === 5)).toHaveLength(200);
        expect(after).toHaveLength(300);
      } finally {
        await adapter.close();
        await client.close();
      }
    });
  });

  describe('a clean restart', () => {
    it('brings every document and index back, and the unique index still refuses a duplicate', async () => {
      const first = await standIn('restart.mv.db').start();
      const client = new MongoClient(first.url, { directConnection: true });
      await client.connect();
      const words = client.db('restart').collection<AnyIdDocument>('words');
      await words.createIndex({ _id: 1, version: 1 }, { unique: true, name: VERSION_INDEX_NAME });
      await words.insertMany(variedDocuments());
      await words.updateOne({ _id: 'w1', version: 1 }, { $set: { version: 2, count: -1 } });
      await words.deleteOne({ _id: 'w2' });
      await client.close();
      const before = await snapshot(first.url, 'restart');
      expect(before.docs).toHaveLength(505);
      expect(await first.stop()).toBe(143); // SIGTERM handled by the shutdown hook: store committed and closed

      const second = await standIn('restart.mv.db').start();
      expect(await snapshot(second.url, 'restart')).toEqual(before);
      const again = new MongoClient(second.url, { directConnection: true });
      try {
        const coll = again.db('restart').collection<AnyIdDocument>('words');
        await duplicateKeyError(coll.insertOne({ _id: 'w3', version: 9 }));
        await duplicateKeyError(coll.insertOne({ _id: { a: 1, b: 'x' } }));
        expect((await coll.updateOne({ _id: 'w1', version: 2 }, { $set: { version: 3 } })).matchedCount).toBe(1);
      } finally {
        await again.close();
        await second.stop();
      }
    });
  });

  describe('renaming a collection and dropping a database', () => {
    it('keeps a renamed collection, its documents and its unique index across a restart', async () => {
      const first = await standIn('rename.mv.db').start();
      const client = new MongoClient(first.url, { directConnection: true });
      try {
        const a = client.db('rename').collection<AnyIdDocument>('a');
        await a.createIndex({ _id: 1, version: 1 }, { unique: true, name: VERSION_INDEX_NAME });
        await a.insertMany([{ _id: 'x', version: 1 }, { _id: 'y', version: 2 }]);
        await a.rename('b');
      } finally {
        await client.close();
        await first.stop();
      }
      const second = await standIn('rename.mv.db').start();
      const again = new MongoClient(second.url, { directConnection: true });
      try {
        const b = again.db('rename').collection<AnyIdDocument>('b');
        expect(await b.find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 'x', version: 1 }, { _id: 'y', version: 2 }]);
        await duplicateKeyError(b.insertOne({ _id: 'x', version: 5 }));
        expect((await b.updateOne({ _id: 'y', version: 2 }, { $set: { version: 3 } })).matchedCount).toBe(1);
      } finally {
        await again.close();
        await second.stop();
      }
    });

    it('drops only the database named, not one whose name starts with it', async () => {
      const server = await standIn('drop.mv.db').start();
      const client = new MongoClient(server.url, { directConnection: true });
      try {
        await client.db('other').collection('keep').insertOne({ n: 1 });
        await client.db('othe').collection('gone').insertOne({ n: 1 });
        await client.db('othe').dropDatabase();
        expect(await client.db('other').collection('keep').countDocuments()).toBe(1);
        expect(await client.db('othe').collection('gone').countDocuments()).toBe(0);
      } finally {
        await client.close();
        await server.stop();
      }
    });
  });

  describe('a file written by the older build (plain H2 backend)', () => {
    let before: { docs: string[]; indexes: string };

    it('is migrated in place on the first start: every document and index reads back the same', async () => {
      const legacy = await standIn('old.mv.db', true).start();
      const client = new MongoClient(legacy.url, { directConnection: true });
      await client.connect();
      const words = client.db('old').collection<AnyIdDocument>('words');
      await words.createIndex({ _id: 1, version: 1 }, { unique: true, name: VERSION_INDEX_NAME });
      await words.insertMany(variedDocuments());
      await words.updateOne({ _id: 'w1', version: 1 }, { $set: { version: 2 } });
      await words.deleteOne({ _id: 'w2' });
      await client.close();
      before = await snapshot(legacy.url, 'old');
      expect(before.docs).toHaveLength(505);
      await legacy.stop();

      const migrated = await standIn('old.mv.db').start();
      const again = new MongoClient(migrated.url, { directConnection: true });
      try {
        expect(migrated.output).toMatch(/store format: migrating \d+ maps/);
        expect(migrated.output).toMatch(/store format: migrated \d+ entries/);
        expect(await snapshot(migrated.url, 'old')).toEqual(before);
        const coll = again.db('old').collection<AnyIdDocument>('words');
        await duplicateKeyError(coll.insertOne({ _id: 'w3', version: 1 }));
        await duplicateKeyError(coll.insertOne({ _id: new Double(7), kind: 'the int32 id 7 again' }));
        await duplicateKeyError(coll.insertOne({ _id: { b: 'x', a: 1 } }));
        expect((await coll.updateOne({ _id: 'w1', version: 1 }, { $set: { version: 3 } })).matchedCount).toBe(0);
        expect((await coll.updateOne({ _id: 'w1', version: 2 }, { $set: { version: 3 } })).matchedCount).toBe(1);
        expect((await coll.updateOne({ _id: 'w1', version: 3 }, { $set: { version: 2 } })).matchedCount).toBe(1);
      } finally {
        await again.close();
        await migrated.stop();
      }
    });

    it('is not migrated again on the next start', async () => {
      const server = await standIn('old.mv.db').start();
      try {
        expect(server.output).not.toContain('store format: migrating');
        expect(await snapshot(server.url, 'old')).toEqual(before);
      } finally {
        await server.stop();
      }
    });

    it('is refused by the older build once migrated, instead of being misread', async () => {
      const legacy = standIn('old.mv.db', true);
      await expect(legacy.start()).rejects.toThrow(/exited with code 1 while starting[\s\S]*(Unsupported type|Unknown tag)/);
    });
  });
});
