import { Client } from 'cassandra-driver';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { decodeSignal, DlqHeaders, dlqTopic, encodeSignal, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import {
  readInfluxPoints,
  readTopic,
  CONTRACT_TOPICS,
  flushRedisDb,
  resetTopics,
  runProducerCli,
  ServiceProcess,
  testKafka,
  testRedisUrl,
  typeIntoConsoleProducer,
  waitFor,
} from '@sluice/testing';

const SIGNAL_WINDOW_MS = 1000;
const SIGNAL_LATENESS_MS = 500;
const SENSOR_TIMEOUT_MS = 4000;

interface Stats {
  count: number;
  min: number;
  max: number;
  mean: number;
}

/** Statistics per tumbling event-time window `[start, start + size)`, from the definition. */
function statsByWindow(samples: ReadonlyArray<{ time: number; value: number }>, sizeMs: number): Map<number, Stats> {
  const out = new Map<number, Stats & { sum: number }>();
  for (const s of samples) {
    const start = Math.floor(s.time / sizeMs) * sizeMs;
    const w = out.get(start) ?? { count: 0, min: Infinity, max: -Infinity, mean: 0, sum: 0 };
    w.count++;
    w.sum += s.value;
    w.min = Math.min(w.min, s.value);
    w.max = Math.max(w.max, s.value);
    w.mean = w.sum / w.count;
    out.set(start, w);
  }
  return new Map([...out].map(([k, { count, min, max, mean }]) => [k, { count, min, max, mean }]));
}

/**
 * The windowed and stateful jobs through the real servers: the producer's sine wave → processor
 * `signal-stats` → InfluxDB and Cassandra; sensor readings typed into the console
 * producer → `sensor-extremes` → MongoDB, then removed after the idle timeout; lines with hashtags
 * → `word-counts-windowed` and `hashtags-top` → Redis sorted sets.
 */
describe('windowed and stateful jobs → stores', () => {
  const kafka = testKafka('e2e-windows');
  const run = Date.now().toString(36);
  const keyspace = `e2e_win_${run}`;
  const database = `e2e_win_${run}`;
  const redisUrl = testRedisUrl(11);
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    await resetTopics(kafka, CONTRACT_TOPICS);
    await flushRedisDb(redisUrl);
    const group = (s: string) => `e2e-win-${s}-${run}`;
    services.push(
      new ServiceProcess('processor', group('processor'), {
        PROCESSOR_GROUP_ID: group('processor'),
        JOBS: 'signal-stats,sensor-extremes,word-counts-windowed,hashtags-top',
        BATCH_INTERVAL_MS: '500',
        SIGNAL_WINDOW_SIZE_MS: String(SIGNAL_WINDOW_MS),
        SIGNAL_ALLOWED_LATENESS_MS: String(SIGNAL_LATENESS_MS),
        SENSOR_IDLE_TIMEOUT_MS: String(SENSOR_TIMEOUT_MS),
        WORD_WINDOW_LENGTH_MS: '120000',
        WORD_WINDOW_SLIDE_MS: '500',
        HASHTAG_WINDOW_LENGTH_MS: '120000',
        HASHTAG_WINDOW_SLIDE_MS: '500',
        HASHTAG_TOP_N: '2',
      }),
      new ServiceProcess('influx-writer', group('influx'), { WRITER_GROUP_ID: group('influx') }),
      new ServiceProcess('cassandra-writer', group('cassandra'), { CASSANDRA_KEYSPACE: keyspace, WRITER_GROUP_ID: group('cassandra') }),
      new ServiceProcess('mongo-writer', group('mongo'), { MONGO_DATABASE: database, WRITER_GROUP_ID: group('mongo') }),
      new ServiceProcess('redis-writer', group('redis'), { REDIS_URL: redisUrl, WRITER_GROUP_ID: group('redis') }),
    );
    await Promise.all(services.map((s) => s.start()));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  it('computes signal-stats of the sine wave per event-time window into InfluxDB and Cassandra, late samples to the DLQ', async () => {
    expect(await runProducerCli(['sine', '--count', '120', '--interval-ms', '25'])).toBe(0);
    const sent = await readTopic(kafka, Topics.signals, 120);
    const samples = sent.map((m) => {
      const d = decodeSignal(m.value, m.key, 0, 1 << 20);
      if (!d.ok) throw new Error(d.detail);
      return d.value;
    });
    expect(new Set(samples.map((s) => s.series))).toEqual(new Set(['sine']));
    const watermark = Math.max(...samples.map((s) => s.time)) - SIGNAL_LATENESS_MS;
    const expected = [...statsByWindow(samples, SIGNAL_WINDOW_MS)].filter(([start]) => start + SIGNAL_WINDOW_MS <= watermark);
    expect(expected.length).toBeGreaterThanOrEqual(1); // 120 samples 25 ms apart span 3 s: at least one window closes
    const starts = expected.map(([start]) => start);
    const first = new Date(Math.min(...starts)).toISOString();
    const last = new Date(Math.max(...starts)).toISOString();

    const influxRows = await waitFor('final signal_stats points in InfluxDB', async () => {
      const rows = await readInfluxPoints('signal_stats', { series: 'sine', from: Date.parse(first), to: Date.parse(last) + 1 }).catch(() => []);
      return rows.length === expected.length ? rows : undefined;
    }, { timeoutMs: 60000, intervalMs: 500 });
    influxRows.forEach((row, i) => {
      const [start, s] = expected[i];
      expect(row.time).toBe(start);
      expect(row.count).toBe(s.count);
      expect(row.min as number).toBeCloseTo(s.min, 9);
      expect(row.max as number).toBeCloseTo(s.max, 9);
      expect(row.mean as number).toBeCloseTo(s.mean, 9);
    });

    const cassandra = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
    try {
      const rows = await waitFor('final signal_stats rows in Cassandra', async () => {
        const rs = await cassandra.execute(`SELECT window_start, window_end, count, min, max, mean, final FROM ${keyspace}.signal_stats WHERE series = 'sine'`);
        const byStart = new Map(rs.rows.map((r) => [(r.window_start as Date).getTime(), r]));
        return starts.every((s) => byStart.has(s)) ? byStart : undefined;
      }, { timeoutMs: 60000, intervalMs: 500 });
      for (const [start, s] of expected) {
        const row = rows.get(start)!;
        expect([(row.window_end as Date).getTime() - start, Number(row.count), row.final]).toEqual([SIGNAL_WINDOW_MS, s.count, true]);
        expect(row.min).toBeCloseTo(s.min, 9);
        expect(row.max).toBeCloseTo(s.max, 9);
        expect(row.mean).toBeCloseTo(s.mean, 9);
      }
    } finally {
      await cassandra.shutdown();
    }

    // A sample of an already closed window is late: it changes nothing and reaches signals.dlq.
    const producer = await RecordProducer.connect(kafka);
    try {
      await producer.send(Topics.signals, [encodeSignal({ series: 'sine', time: starts[0] + 1, value: 1e6 })]);
    } finally {
      await producer.disconnect();
    }
    const [dead] = await readTopic(kafka, dlqTopic(Topics.signals), 1);
    expect(dead.headers[DlqHeaders.reason]).toBe('late-record');
    expect(dead.headers[DlqHeaders.sourceTopic]).toBe(Topics.signals);
    const after = await readInfluxPoints('signal_stats', { series: 'sine', from: Date.parse(first), to: Date.parse(first) + 1 });
    expect(after.map((r) => r.max)).toEqual([influxRows[0].max]);
  });

  it('keeps running sensor extremes per key in MongoDB and removes a key after the idle timeout', async () => {
    const lines = [
      '{"key":"Madrid","time":"2026-07-01T10:00:00Z","min":18,"max":31}',
      '{"key":"Madrid","time":"2026-07-01T11:00:00Z","min":16,"max":35}',
      '{"key":"Sevilla","time":"2026-07-01T10:00:00Z","min":22,"max":40}',
      'not a reading',
      '{"key":"Madrid","time":"2026-07-01T12:00:00Z","min":17,"max":33}',
    ];
    expect(await typeIntoConsoleProducer(Topics.sensorReadings, lines)).toBe(0);
    const client = new MongoClient('mongodb://127.0.0.1:27017');
    await client.connect();
    try {
      const collection = client.db(database).collection<{ _id: string; min: number; max: number; lastTime: Date }>('sensor_extremes');
      const docs = await waitFor('Madrid and Sevilla extremes in MongoDB', async () => {
        const d = await collection.find({}, { projection: { _id: 1, min: 1, max: 1, lastTime: 1 } }).sort({ _id: 1 }).toArray();
        return d.length === 2 && d[0].min === 16 ? d : undefined;
      }, { timeoutMs: 60000, intervalMs: 200 });
      expect(docs).toEqual([
        { _id: 'Madrid', min: 16, max: 35, lastTime: new Date('2026-07-01T12:00:00Z') },
        { _id: 'Sevilla', min: 22, max: 40, lastTime: new Date('2026-07-01T10:00:00Z') },
      ]);
      const [bad] = await readTopic(kafka, dlqTopic(Topics.sensorReadings), 1);
      expect(bad.value?.toString()).toBe('not a reading');
      // No more readings: after SENSOR_IDLE_TIMEOUT_MS of batches the state is removed, and so is the document.
      await waitFor('idle sensor keys removed from MongoDB', async () => ((await collection.countDocuments()) === 0 ? true : undefined), { timeoutMs: 60000, intervalMs: 500 });
    } finally {
      await client.close();
    }
  });

  it('ranks hashtags and counts words per sliding window into Redis sorted sets', async () => {
    const lines = ['#Sol y #Luna', 'el #Sol brilla', 'la luna y el sol #Sol', 'C# no es un hashtag'];
    expect(await typeIntoConsoleProducer(Topics.textLines, lines)).toBe(0);
    const expectedWords: Record<string, number> = { sol: 4, y: 2, luna: 2, el: 2, brilla: 1, la: 1, c: 1, no: 1, es: 1, un: 1, hashtag: 1 };
    const redis = new Redis(redisUrl);
    try {
      // Some window (120 s long, sliding every 500 ms) holds every line: its ranking and counts are the totals.
      const top = await waitFor('a hashtags-top window with every line', async () => {
        for (const key of await redis.keys('hashtags-top:*')) {
          if (key.endsWith(':version')) continue;
          const z = await redis.zrevrange(key, 0, -1, 'WITHSCORES');
          if (z.join() === 'Sol,3,Luna,1') return { key, z, ttl: await redis.ttl(key) };
        }
        return undefined;
      }, { timeoutMs: 60000, intervalMs: 500 });
      expect(top.ttl).toBeGreaterThan(0);
      const words = await waitFor('a words-window set with every line', async () => {
        for (const key of await redis.keys('words-window:*')) {
          if (key.endsWith(':versions')) continue;
          const z = await redis.zrange(key, 0, -1, 'WITHSCORES');
          const counts: Record<string, number> = {};
          for (let i = 0; i < z.length; i += 2) counts[z[i]] = Number(z[i + 1]);
          if (counts.sol === 4 && counts.hashtag === 1 && Object.keys(counts).length === Object.keys(expectedWords).length) return counts;
        }
        return undefined;
      }, { timeoutMs: 60000, intervalMs: 500 });
      expect(words).toEqual(expectedWords);
    } finally {
      redis.disconnect();
    }
  });
});
