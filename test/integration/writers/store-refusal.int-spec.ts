import { Client } from 'cassandra-driver';
import Redis from 'ioredis';
import type { Admin } from 'kafkajs';
import { DlqHeaders, Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { readCassandraWordCounts, readInfluxPoints, readRedisWordCounts, readTopic, resetTopics, ServiceProcess, testKafka, testRedisUrl, waitFor } from '@sluice/testing';

/**
 * A store that answers but refuses every write is waited out, not taken for bad records: the
 * writer pauses (nothing dead-lettered, nothing committed, `/health` 503 naming the store's
 * reason) and writes everything once the store is fixed. A value the store rejects is the
 * opposite: only that record goes to the DLQ and the rest is written.
 */
const run = Date.now().toString(36);
const kafka = testKafka('it-store-refusal');
const wordRecord = (prefix: string, i: number) => ({ key: `${prefix}${i}`, value: JSON.stringify({ word: `${prefix}${i}`, count: i + 1, updatedAt: new Date().toISOString() }) });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** Sum of the group's committed offsets of `topic` (none committed = 0). */
async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return t.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** Records in `topic` (sum of the partitions' high watermarks after a reset). */
async function recordsIn(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

type HealthBody = { details?: Record<string, { status: string; detail?: string }> };
const health = async (writer: ServiceProcess) => writer.get<HealthBody>('/health').catch(() => ({ status: 0, body: {} as HealthBody }));
const metric = async (writer: ServiceProcess, pattern: RegExp) => pattern.exec(await fetch(`http://127.0.0.1:${writer.port}/metrics`).then((r) => r.text()))?.[1];

/** Waits until the writer is paused on `store` with a reason matching `reason`; returns that reason. */
async function pausedWith(writer: ServiceProcess, store: string, reason: RegExp): Promise<string> {
  return waitFor(`${writer.name} /health 503 naming the store's reason`, async () => {
    const h = await health(writer);
    const detail = h.body.details?.[store]?.detail;
    return h.status === 503 && detail && reason.test(detail) ? detail : undefined;
  }, { timeoutMs: 60000 });
}

describe('writer facing a store that refuses writes', () => {
  let admin: Admin;
  let producer: RecordProducer;

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.wordCounts, dlqTopic(Topics.wordCounts), Topics.signals, dlqTopic(Topics.signals)]);
    admin = kafka.admin();
    await admin.connect();
    producer = await RecordProducer.connect(kafka);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
  });

  describe('redis-writer', () => {
    const redisUrl = testRedisUrl(9);
    const groupId = `it-refusal-redis-${run}`;
    let redis: Redis;
    let writer: ServiceProcess;
    let saved: { maxmemory: string; policy: string } | undefined;

    const restoreRedis = async () => {
      if (!saved) return;
      await redis.config('SET', 'maxmemory', saved.maxmemory);
      await redis.config('SET', 'maxmemory-policy', saved.policy);
      saved = undefined;
    };

    beforeAll(async () => {
      redis = new Redis(redisUrl);
      await redis.flushdb();
      writer = await new ServiceProcess('redis-writer', groupId, { REDIS_URL: redisUrl, WRITER_TOPICS: Topics.wordCounts, WRITER_GROUP_ID: groupId, WRITER_RETRY_MAX_MS: '1000' }).start();
    });

    afterAll(async () => {
      await restoreRedis();
      await writer?.stop();
      redis?.disconnect();
    });

    it('pauses while Redis is out of memory (nothing to the DLQ, nothing committed), then writes every value', async () => {
      const stored = async (items: number[]) => {
        const counts = await readRedisWordCounts(redis);
        return items.every((i) => counts.get(`r${i}`) === i + 1) ? counts : undefined;
      };
      await producer.send(Topics.wordCounts, range(0, 10).map((i) => wordRecord('r', i)));
      await waitFor('items 0-9 in redis', () => stored(range(0, 10)));
      await waitFor('items 0-9 committed', async () => ((await committed(admin, groupId, Topics.wordCounts)) === 10 ? true : undefined));

      const [, maxmemory] = (await redis.config('GET', 'maxmemory')) as string[];
      const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
      saved = { maxmemory, policy };
      try {
        // A limit below what the server already uses: every write command is refused with OOM.
        const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
        await redis.config('SET', 'maxmemory-policy', 'noeviction');
        await redis.config('SET', 'maxmemory', String(Math.min(1024 * 1024, Math.floor(used / 2))));
        await expect(redis.set('it-probe', 'x')).rejects.toThrow(/^OOM/);

        await producer.send(Topics.wordCounts, range(10, 60).map((i) => wordRecord('r', i)));
        const reason = await pausedWith(writer, 'redis', /^redis refuses writes \(OOM\): OOM command not allowed/);
        expect(reason).not.toMatch(/redis:\/\//);
        await waitFor('a few refused retries', async () => (Number(await metric(writer, /sluice_store_refusals_total\{[^}]*code="OOM"[^}]*\} (\d+)/)) >= 3 ? true : undefined), { timeoutMs: 30000 });
        expect(await metric(writer, /sluice_store_paused\{[^}]*store="redis"[^}]*\} (\d+)/)).toBe('1');
        expect(await recordsIn(admin, dlqTopic(Topics.wordCounts))).toBe(0);
        expect(await committed(admin, groupId, Topics.wordCounts)).toBe(10);
      } finally {
        await restoreRedis();
      }

      await waitFor('items 0-59 in redis after the fix', () => stored(range(0, 60)), { timeoutMs: 60000 });
      await waitFor('items 0-59 committed', async () => ((await committed(admin, groupId, Topics.wordCounts)) === 60 ? true : undefined), { timeoutMs: 30000 });
      await waitFor('/health 200 again', async () => ((await health(writer)).status === 200 ? true : undefined), { timeoutMs: 30000 });
      expect(await recordsIn(admin, dlqTopic(Topics.wordCounts))).toBe(0);
      expect(await metric(writer, /sluice_store_paused\{[^}]*store="redis"[^}]*\} (\d+)/)).toBe('0');
    });
  });

  describe('cassandra-writer', () => {
    const keyspace = `it_refusal_${run}`;
    const groupId = `it-refusal-cassandra-${run}`;
    let cql: Client;
    let writer: ServiceProcess;

    beforeAll(async () => {
      cql = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
      await cql.connect();
      writer = await new ServiceProcess('cassandra-writer', groupId, { CASSANDRA_KEYSPACE: keyspace, WRITER_TOPICS: Topics.wordCounts, WRITER_GROUP_ID: groupId, WRITER_RETRY_MAX_MS: '1000' }).start();
    });

    afterAll(async () => {
      await writer?.stop();
      await cql?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
      await cql?.shutdown();
    });

    it('pauses while its keyspace is missing (nothing to the DLQ, nothing committed), then writes every value once it is back', async () => {
      const base = await committed(admin, groupId, Topics.wordCounts);
      const stored = async (items: number[]) => {
        const counts = await readCassandraWordCounts(keyspace);
        return items.every((i) => counts.get(`c${i}`) === i + 1) ? counts : undefined;
      };
      await producer.send(Topics.wordCounts, range(0, 10).map((i) => wordRecord('c', i)));
      await waitFor('items 0-9 in cassandra', () => stored(range(0, 10)));
      const before = await waitFor('items 0-9 committed', async () => {
        const n = await committed(admin, groupId, Topics.wordCounts);
        return n >= base + 10 ? n : undefined;
      });
      const dlqBefore = await recordsIn(admin, dlqTopic(Topics.wordCounts));

      await cql.execute(`DROP KEYSPACE ${keyspace}`);
      await producer.send(Topics.wordCounts, range(10, 40).map((i) => wordRecord('c', i)));
      const reason = await pausedWith(writer, 'cassandra', /^cassandra refuses writes \(table-missing\): table it_refusal_\w+\.words does not exist/);
      expect(reason).toContain(keyspace);
      expect(await recordsIn(admin, dlqTopic(Topics.wordCounts))).toBe(dlqBefore);
      expect(await committed(admin, groupId, Topics.wordCounts)).toBe(before);

      // The operator restores the schema (as the writer creates it at start).
      await cql.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
      await cql.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.words (word_id text PRIMARY KEY, count bigint)`);
      await waitFor('items 10-39 in cassandra after the fix', () => stored(range(10, 40)), { timeoutMs: 90000 });
      await waitFor('/health 200 again', async () => ((await health(writer)).status === 200 ? true : undefined), { timeoutMs: 30000 });
      expect(await recordsIn(admin, dlqTopic(Topics.wordCounts))).toBe(dlqBefore);
    });
  });

  describe('influx-writer on InfluxDB', () => {
    const groupId = `it-refusal-influx-${run}`;
    const series = `itref${run}`;
    const BASE_TIME = Date.parse('2026-01-01T00:00:00Z');
    let writer: ServiceProcess;

    beforeAll(async () => {
      writer = await new ServiceProcess('influx-writer', groupId, { WRITER_TOPICS: Topics.signals, WRITER_GROUP_ID: groupId, WRITER_RETRY_MAX_MS: '1000' }).start();
    });

    afterAll(async () => {
      await writer?.stop();
    });

    // InfluxDB 1.8 cannot hold a time beyond 2262-04-11 (int64 ns) and answers 400 (record-rejected,
    // see influx-errors.spec.ts); since MAX_EVENT_TIME_SKEW_MS the writer's decoder refuses it first.
    it('dead-letters exactly the point with a time beyond the accepted range and writes the rest of the batch', async () => {
      const signal = (i: number, time = new Date(BASE_TIME + i * 1000).toISOString()) => ({ key: series, value: JSON.stringify({ series, time, value: i + 0.5 }), partition: 0 });
      await producer.send(Topics.signals, [signal(0), signal(1), signal(2, '+010000-01-01T00:00:00.000Z'), signal(3), signal(4)]);
      const [dead] = await readTopic(kafka, dlqTopic(Topics.signals), 1);
      expect(dead.headers[DlqHeaders.reason]).toBe('time-out-of-range');
      expect(dead.headers[DlqHeaders.sourceOffset]).toBe('2');
      expect(dead.headers[DlqHeaders.service]).toBe('influx-writer');
      const rows = await waitFor('points 0, 1, 3, 4 in InfluxDB', async () => {
        const r = await readInfluxPoints('signal', { series }).catch(() => []);
        return r.length >= 4 ? r : undefined;
      });
      expect(rows.map((r) => r.value).sort()).toEqual([0.5, 1.5, 3.5, 4.5]);
      await waitFor('all 5 committed', async () => ((await committed(admin, groupId, Topics.signals)) === 5 ? true : undefined));
      expect(await recordsIn(admin, dlqTopic(Topics.signals))).toBe(1);
      expect((await health(writer)).status).toBe(200);
    });
  });
});
