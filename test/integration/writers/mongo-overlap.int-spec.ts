import { MongoClient } from 'mongodb';
import { WordCount } from '@sluice/contracts';
import { StreamRecord } from '@sluice/streaming';
import { MongoSensorExtremesAdapter, MongoWordCountsAdapter, VERSION_INDEX_NAME, VersionedUpsert } from '@sluice/writers';
import type { SensorExtremesResult } from '@sluice/contracts';

/**
 * Two Mongo writer instances overlapping, as during a rebalance (the old owner of a partition
 * still writes while the new one replays from the last committed offset): whatever the
 * interleaving, every document ends at the highest version any instance wrote, and never goes back.
 */
const url = 'mongodb://127.0.0.1:27017';
const database = `it_overlap_${Date.now().toString(36)}`;
const record: StreamRecord = { topic: 'word-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const upsert = (word: string, version: number): VersionedUpsert<WordCount> => ({
  topic: 'word-counts',
  key: word,
  value: { word, count: version, updatedAt: new Date(1700000000000 + version).toISOString() },
  version,
  record,
});

describe('Mongo writer: two overlapping instances', () => {
  const client = new MongoClient(url);
  const a = new MongoWordCountsAdapter({ url, database });
  const b = new MongoWordCountsAdapter({ url, database });
  const words = () => client.db(database).collection<{ _id: string; count: number; version: number }>('words');

  beforeAll(async () => {
    await client.connect();
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await client.db(database).dropDatabase();
    await client.close();
  });

  it('creates the unique { _id, version } index the compare-and-set filter is served from', async () => {
    const indexes = await words().indexes();
    expect(indexes.find((i) => i.name === VERSION_INDEX_NAME)).toMatchObject({ key: { _id: 1, version: 1 }, unique: true });
  });

  it('ends every document at the highest version written, whatever the interleaving', async () => {
    const KEYS = 50;
    const ROUNDS = 20;
    const batch = (version: number) => Array.from({ length: KEYS }, (_, k) => upsert(`k${k}`, version));
    for (let round = 1; round <= ROUNDS; round++) {
      // Both instances read the same stored versions, then write: the older version (B) must not
      // land over the newer one (A), whichever request reaches the server last (alternated).
      const newer = a.write(batch(2 * round));
      const older = b.write(batch(2 * round - 1));
      const results = round % 2 === 0 ? await Promise.all([newer, older]) : (await Promise.all([older, newer])).reverse();
      expect(results).toEqual([[], []]);
      const docs = await words().find({}).toArray();
      expect(docs).toHaveLength(KEYS);
      expect(docs.filter((d) => d.version !== 2 * round || d.count !== 2 * round).map((d) => [d._id, d.version])).toEqual([]);
    }
  });

  it('a replay of older versions after the newest leaves every document as it is', async () => {
    const replay = Array.from({ length: 50 }, (_, k) => upsert(`k${k}`, 3));
    expect(await a.write(replay)).toEqual([]);
    const docs = await words().find({}).toArray();
    expect(new Set(docs.map((d) => d.version))).toEqual(new Set([40]));
  });

  it('a removal older than the stored document does not delete it; a newer one does', async () => {
    const extremes = new MongoSensorExtremesAdapter({ url, database });
    await extremes.connect();
    try {
      const value = (removed: boolean): SensorExtremesResult =>
        removed
          ? { key: 'Madrid', removed: true, reason: 'timeout', updatedAt: '2026-01-01T00:00:00.000Z' }
          : { key: 'Madrid', removed: false, min: 1, max: 9, lastTime: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
      const item = (version: number, removed: boolean): VersionedUpsert<SensorExtremesResult> => ({ topic: 'sensor-extremes', key: 'Madrid', value: value(removed), version, record });
      const extremesDocs = () => client.db(database).collection('sensor_extremes').find({}).toArray();
      await extremes.write([item(10, false)]);
      await extremes.write([item(5, true)]);
      expect(await extremesDocs()).toHaveLength(1);
      await extremes.write([item(11, true)]);
      expect(await extremesDocs()).toHaveLength(0);
    } finally {
      await extremes.close();
    }
  });
});
