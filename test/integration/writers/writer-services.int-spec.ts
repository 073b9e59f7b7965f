import Redis from 'ioredis';
import { DlqHeaders, Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import {
  readCassandraWordCounts,
  readInfluxPoints,
  readMongoWordCounts,
  readRedisWordCounts,
  readTopic,
  resetTopics,
  ServiceProcess,
  stackServer,
  testKafka,
  testRedisUrl,
  waitFor,
} from '@sluice/testing';

/**
 * Every writer as a running service against its real store: poison records go to the DLQ while
 * the rest of the batch is written, and a store stopped for 10 s loses nothing.
 */
const run = Date.now().toString(36);
const redisUrl = testRedisUrl(8);

interface WriterCase {
  app: string;
  component: 'redis' | 'cassandra' | 'mongo' | 'influx';
  /** Whether the native server keeps its data across a stop (all four now: Redis with its AOF, the Mongo stand-in on H2). */
  persistent: boolean;
  topic: string;
  env: Record<string, string>;
  /** A valid record for item i (value JSON, key). */
  record(i: number): { key: string; value: string };
  /** Reads back which items are stored (by i). */
  stored(): Promise<Set<number>>;
}

const wordRecord = (prefix: string) => (i: number) => ({ key: `${prefix}${i}`, value: JSON.stringify({ word: `${prefix}${i}`, count: i + 1, updatedAt: new Date().toISOString() }) });
const fromCounts = (prefix: string, counts: Map<string, number>) =>
  new Set([...counts].filter(([w, n]) => w.startsWith(prefix) && n === Number(w.slice(prefix.length)) + 1).map(([w]) => Number(w.slice(prefix.length))));
const BASE_TIME = Date.parse('2026-01-01T00:00:00Z');

const cases: WriterCase[] = [
  {
    app: 'redis-writer',
    component: 'redis',
    persistent: true,
    topic: Topics.wordCounts,
    env: { REDIS_URL: redisUrl },
    record: wordRecord('r'),
    stored: async () => {
      const r = new Redis(redisUrl);
      try {
        return fromCounts('r', await readRedisWordCounts(r));
      } finally {
        r.disconnect();
      }
    },
  },
  {
    app: 'cassandra-writer',
    component: 'cassandra',
    persistent: true,
    topic: Topics.wordCounts,
    env: { CASSANDRA_KEYSPACE: `it_writer_${run}` },
    record: wordRecord('c'),
    stored: async () => fromCounts('c', await readCassandraWordCounts(`it_writer_${run}`)),
  },
  {
    app: 'mongo-writer',
    component: 'mongo',
    persistent: true,
    topic: Topics.wordCounts,
    env: { MONGO_DATABASE: `it_writer_${run}` },
    record: wordRecord('m'),
    stored: async () => fromCounts('m', await readMongoWordCounts(`it_writer_${run}`)),
  },
  {
    app: 'influx-writer',
    component: 'influx',
    persistent: true,
    topic: Topics.signals,
    env: {},
    record: (i) => ({ key: `it${run}`, value: JSON.stringify({ series: `it${run}`, time: new Date(BASE_TIME + i * 1000).toISOString(), value: i + 0.5 }) }),
    stored: async () => {
      const rows = await readInfluxPoints('signal', { series: `it${run}` }).catch(() => []);
      return new Set(rows.filter((r) => typeof r.value === 'number').map((r) => (r.time - BASE_TIME) / 1000));
    },
  },
];

describe.each(cases)('$app service', (c) => {
  const kafka = testKafka(`it-${c.app}`);
  let producer: RecordProducer;
  let writer: ServiceProcess;
  const all = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  const hasAll = async (items: number[]) => {
    const s = await c.stored();
    return items.every((i) => s.has(i)) ? s : undefined;
  };

  beforeAll(async () => {
    await resetTopics(kafka, [c.topic, dlqTopic(c.topic)]);
    producer = await RecordProducer.connect(kafka);
    writer = new ServiceProcess(c.app, `it-${c.app}-${run}`, { ...c.env, WRITER_TOPICS: c.topic, WRITER_GROUP_ID: `it-${c.app}-${run}`, WRITER_RETRY_MAX_MS: '1000' });
    await writer.start();
  });

  afterAll(async () => {
    stackServer(c.component, 'up');
    await writer?.stop();
    await producer?.disconnect();
  });

  it('sends poison records to the DLQ with the reason and still writes the rest of the batch', async () => {
    await producer.send(c.topic, [
      { ...c.record(0), partition: 0 },
      { key: 'bad1', value: 'not json', partition: 0 },
      { ...c.record(1), partition: 0 },
      { key: 'bad2', value: '{"shape":"wrong"}', partition: 0 },
      { ...c.record(2), partition: 0 },
    ]);
    const dead = await readTopic(kafka, dlqTopic(c.topic), 2);
    expect(dead.map((d) => d.headers[DlqHeaders.reason]).sort()).toEqual(['invalid-json', 'schema-invalid']);
    expect(dead.every((d) => d.headers[DlqHeaders.service] === c.app && d.headers[DlqHeaders.sourceTopic] === c.topic)).toBe(true);
    await waitFor(`items 0-2 in ${c.component}`, () => hasAll([0, 1, 2]));
    const metrics = await fetch(`http://127.0.0.1:${writer.port}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/sluice_dlq_records_total\{[^}]*reason="invalid-json"[^}]*\} 1/);
  });

  it('loses nothing while its store is stopped for 10 s, and reports not ready meanwhile', async () => {
    await producer.send(c.topic, all(3, 53).map((i) => c.record(i)));
    await waitFor(`items 3-52 in ${c.component}`, () => hasAll(all(3, 53)));
    stackServer(c.component, 'down');
    const outageStart = Date.now();
    await producer.send(c.topic, all(53, 153).map((i) => c.record(i)));
    await waitFor('readiness to report the store down', async () => ((await writer.get('/health').catch(() => ({ status: 0 }))).status === 503 ? true : undefined), { timeoutMs: 30000 });
    await waitFor('10 s of outage', () => (Date.now() - outageStart >= 10000 ? true : undefined), { timeoutMs: 20000 });
    stackServer(c.component, 'up');
    // Everything produced during the outage arrives; a persistent store also kept what came before.
    const expected = c.persistent ? all(0, 153) : all(53, 153);
    const stored = await waitFor(`items ${expected[0]}-152 in ${c.component} after the outage`, () => hasAll(expected), { timeoutMs: 120000 });
    expect(stored.size).toBeGreaterThanOrEqual(expected.length);
    // Readiness comes back with the store, on the writer's next health check (not necessarily before the last write lands).
    await waitFor('readiness to report the store up again', async () => ((await writer.get('/health').catch(() => ({ status: 0 }))).status === 200 ? true : undefined), { timeoutMs: 30000 });
  });
});
