import { MongoClient } from 'mongodb';
import { MongoCollectionLayout } from '@sluice/contracts';
import { StreamRecord } from '@sluice/streaming';
import { MongoLayoutAdapter, VersionedUpsert } from '@sluice/writers';

/** A result declared as a new job declares it beside its contract (log-errors' counts), on the real Mongo-wire server. */
interface ErrorCount {
  code: string;
  count: number;
  gone?: boolean;
}
const URL = 'mongodb://127.0.0.1:27017';
const database = `it_layout_${Date.now().toString(36)}`;
const layout: MongoCollectionLayout<ErrorCount> = { kind: 'collection', collection: 'log_error_counts', fields: (r) => (r.gone ? null : { count: r.count }) };
const record: StreamRecord = { topic: 'log-error-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const upsert = (code: string, count: number, version: number, gone = false): VersionedUpsert<ErrorCount> => ({ topic: 'log-error-counts', key: code, value: { code, count, gone }, version, record });

describe(MongoLayoutAdapter.name, () => {
  const adapter = new MongoLayoutAdapter({ url: URL, database }, layout);
  const client = new MongoClient(URL);
  const docs = () => client.db(database).collection('log_error_counts').find({}, { projection: { _id: 1, count: 1, version: 1 } }).sort({ _id: 1 }).toArray();

  beforeAll(async () => {
    await adapter.connect();
    await client.connect();
  });
  afterAll(async () => {
    await client.db(database).dropDatabase().catch(() => undefined);
    await adapter.close();
    await client.close();
  });

  it('writes one document per key in the layout’s collection, an older version ignored, null deleting', async () => {
    expect(await adapter.write([upsert('ERROR_DB', 3, 10), upsert('ERROR_IO', 1, 11)])).toEqual([]);
    await adapter.write([upsert('ERROR_DB', 2, 9)]);
    expect(await docs()).toEqual([
      { _id: 'ERROR_DB', count: 3, version: 10 },
      { _id: 'ERROR_IO', count: 1, version: 11 },
    ]);
    await adapter.write([upsert('ERROR_DB', 5, 12), upsert('ERROR_IO', 0, 13, true)]);
    expect(await docs()).toEqual([{ _id: 'ERROR_DB', count: 5, version: 12 }]);
  });

  it('clears its collection', async () => {
    await adapter.clear();
    expect(await docs()).toEqual([]);
  });
});
