import { Client } from 'cassandra-driver';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import type { HashtagsTopResult, SensorExtremesResult, SignalStatsResult, WordWindowCountResult } from '@sluice/contracts';
import { Topics } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import { readInfluxPoints, testInfluxConfig, testRedisUrl, waitFor } from '@sluice/testing';
import { cassandraResults, influxResults, mongoResults, redisResults, StoreResults, VersionedUpsert } from '@sluice/writers';

/**
 * The window and state results written by each store's real adapter: layout, idempotence and
 * version ordering (a replayed older record never wins), removals of idle sensor keys.
 */
const run = Date.now().toString(36);
const record: StreamRecord = { topic: 't', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const at = (sec: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, sec)).toISOString();
const upsert = <T>(topic: string, key: string, value: T, version: number): VersionedUpsert<unknown> => ({ topic, key, value, version, record });

const window = (word: string, count: number, version: number) =>
  upsert<WordWindowCountResult>(Topics.wordCountsWindowed, `${at(0)}/${word}`, { word, count, windowStart: at(0), windowEnd: at(30) }, version);
const stats = (count: number, mean: number, version: number) =>
  upsert<SignalStatsResult>(Topics.signalStats, `sine/${at(10)}`, { series: 'sine', windowStart: at(10), windowEnd: at(20), count, min: -1, max: 1, mean, last: 0.5, lastTime: at(19), final: true }, version);
const sensor = (value: SensorExtremesResult, version: number) => upsert<SensorExtremesResult>(Topics.sensorExtremes, value.key, value, version);
const top = (tags: Array<[string, number]>, version: number) =>
  upsert<HashtagsTopResult>(Topics.hashtagsTop, at(0), { windowStart: at(0), windowEnd: at(30), top: tags.map(([tag, count]) => ({ tag, count })) }, version);

async function writeAll(results: StoreResults, batches: VersionedUpsert<unknown>[][]): Promise<void> {
  await results.adapter.connect();
  try {
    for (const b of batches) expect(await results.adapter.write(b)).toEqual([]);
  } finally {
    await results.adapter.close();
  }
}

describe('result adapters on the real stores', () => {
  it('redis: one sorted set per window with a TTL, newest version wins', async () => {
    const url = testRedisUrl(8);
    const r = new Redis(url);
    try {
      await r.flushdb();
      await writeAll(redisResults({ url, windowTtlSeconds: 600 }, 1 << 20), [
        [window('la', 3, 20), window('mancha', 1, 21), top([['Sol', 5], ['Luna', 2]], 30)],
        [window('la', 1, 10), top([['Viejo', 9]], 29)], // replays of older versions
        [window('mancha', 2, 22)],
      ]);
      expect(await r.zrevrange(`words-window:${at(0)}`, 0, -1, 'WITHSCORES')).toEqual(['la', '3', 'mancha', '2']);
      expect(await r.zrevrange(`hashtags-top:${at(0)}`, 0, -1, 'WITHSCORES')).toEqual(['Sol', '5', 'Luna', '2']);
      const ttl = await r.ttl(`words-window:${at(0)}`);
      expect(ttl).toBeGreaterThan(500);
      expect(ttl).toBeLessThanOrEqual(600);
      expect(await r.ttl(`hashtags-top:${at(0)}`)).toBeGreaterThan(500);
      await writeAll(redisResults({ url, windowTtlSeconds: 600 }, 1 << 20), [[top([['Sol', 6]], 31)]]);
      expect(await r.zrevrange(`hashtags-top:${at(0)}`, 0, -1, 'WITHSCORES')).toEqual(['Sol', '6']);
    } finally {
      r.disconnect();
    }
  });

  it('cassandra: tables keyed by window start and sensor key; a removal is a tombstone older replays cannot beat', async () => {
    const keyspace = `it_results_${run}`;
    const config = { contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1', keyspace, replicationFactor: 1 };
    await writeAll(cassandraResults(config, 1 << 20), [
      [window('la', 3, 20), stats(10, 0.25, 40), sensor({ key: 'Madrid', removed: false, min: 1, max: 20, lastTime: at(5), updatedAt: at(6) }, 50), sensor({ key: 'Sevilla', removed: false, min: 10, max: 30, lastTime: at(5), updatedAt: at(6) }, 51), top([['Sol', 5], ['Luna', 2]], 30)],
      [window('la', 1, 10), stats(3, 9, 39), sensor({ key: 'Sevilla', removed: true, reason: 'timeout', updatedAt: at(6) }, 60)],
      [sensor({ key: 'Sevilla', removed: false, min: 0, max: 99, lastTime: at(1), updatedAt: at(2) }, 52)], // replayed older state
    ]);
    const client = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
    try {
      const w = await client.execute(`SELECT word, count, window_end FROM ${keyspace}.word_counts_windowed WHERE window_start = ?`, [new Date(at(0))], { prepare: true });
      expect(w.rows.map((x) => [x.word, Number(x.count), (x.window_end as Date).toISOString()])).toEqual([['la', 3, at(30)]]);
      const s = await client.execute(`SELECT count, mean, final FROM ${keyspace}.signal_stats WHERE series = 'sine' AND window_start = ?`, [new Date(at(10))], { prepare: true });
      expect(s.rows.map((x) => [Number(x.count), x.mean, x.final])).toEqual([[10, 0.25, true]]);
      const x = await client.execute(`SELECT key, min, max FROM ${keyspace}.sensor_extremes`);
      expect(x.rows.map((r) => [r.key, r.min, r.max])).toEqual([['Madrid', 1, 20]]);
      const h = await client.execute(`SELECT tags, counts FROM ${keyspace}.hashtags_top WHERE window_start = ?`, [new Date(at(0))], { prepare: true });
      expect([h.rows[0].tags, h.rows[0].counts.map(Number)]).toEqual([['Sol', 'Luna'], [5, 2]]);
    } finally {
      await client.shutdown();
    }
  });

  it('mongo: one collection per result, conditional upserts, removal deletes the document', async () => {
    const database = `it_results_${run}`;
    const url = 'mongodb://127.0.0.1:27017';
    await writeAll(mongoResults({ url, database }, 1 << 20), [
      [window('la', 3, 20), stats(10, 0.25, 40), sensor({ key: 'Madrid', removed: false, min: 1, max: 20, lastTime: at(5), updatedAt: at(6) }, 50), sensor({ key: 'Sevilla', removed: false, min: 10, max: 30, lastTime: at(5), updatedAt: at(6) }, 51), top([['Sol', 5]], 30)],
      [window('la', 1, 10), stats(3, 9, 39), sensor({ key: 'Sevilla', removed: true, reason: 'timeout', updatedAt: at(6) }, 60), sensor({ key: 'Madrid', removed: true, reason: 'timeout', updatedAt: at(1) }, 49)],
    ]);
    const client = new MongoClient(url);
    try {
      const db = client.db(database);
      expect(await db.collection('word_counts_windowed').find({}, { projection: { _id: 1, count: 1 } }).toArray()).toEqual([{ _id: `${at(0)}/la`, count: 3 }]);
      expect(await db.collection('signal_stats').find({}, { projection: { _id: 1, count: 1, mean: 1 } }).toArray()).toEqual([{ _id: `sine/${at(10)}`, count: 10, mean: 0.25 }]);
      // Madrid's stale removal (version 49 < 50) is ignored; Sevilla's newer one deletes it.
      expect(await db.collection('sensor_extremes').find({}, { projection: { _id: 1, min: 1, max: 1 } }).toArray()).toEqual([{ _id: 'Madrid', min: 1, max: 20 }]);
      expect(await db.collection('hashtags_top').find({}, { projection: { _id: 0, top: 1 } }).toArray()).toEqual([{ top: [{ tag: 'Sol', count: 5 }] }]);
    } finally {
      await client.close();
    }
  });

  it('influx: measurement signal_stats with count, min, max, mean at the window start; a rewrite replaces the point', async () => {
    const series = `it-${run}`;
    const s = (count: number, mean: number, version: number) =>
      upsert<SignalStatsResult>(Topics.signalStats, `${series}/${at(10)}`, { series, windowStart: at(10), windowEnd: at(20), count, min: -1, max: 1, mean, last: 0.5, lastTime: at(19), final: count === 10 }, version);
    await writeAll(influxResults(testInfluxConfig(), 1 << 20), [[s(4, 0.5, 1)], [s(10, 0.25, 2)]]);
    const rows = await waitFor('the rewritten signal_stats point', async () => {
      const r = await readInfluxPoints('signal_stats', { series });
      return r.length === 1 && r[0].count === 10 ? r : undefined;
    }, { timeoutMs: 30000 });
    expect(rows).toEqual([{ time: Date.parse(at(10)), series, count: 10, min: -1, max: 1, mean: 0.25, last: 0.5 }]);
  });
});
