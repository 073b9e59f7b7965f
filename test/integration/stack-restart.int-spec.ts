import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { Client as CassandraClient } from 'cassandra-driver';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { ensureTopics } from '@sluice/kafka';
import { readInfluxPoints, readTopic, REPO_ROOT, testInfluxConfig, testKafka, testRedisUrl } from '@sluice/testing';

/**
 * Durability of the native stack (issue #10 part 1): what every server held before
 * `scripts/stack/down.sh` (the stack half of `npm run down`) it holds after `scripts/stack/up.sh`.
 * Before Redis ran with its append-only file and the Mongo stand-in on its H2 file, both came back
 * empty, while the processor's state came back from its changelogs.
 */
describe('native stack restart', () => {
  const run = `${Date.now()}`;
  const topic = `sluice-test-restart-${run}`;
  const redisUrl = testRedisUrl(9);
  const mongoUrl = 'mongodb://127.0.0.1:27017';
  const mongoDb = 'sluice-restart-test';
  const keyspace = 'sluice_restart_test';
  const influx = testInfluxConfig();
  const measurement = `restart_test_${run}`;
  const stack = (action: 'up' | 'down') => execFileSync('bash', [path.join(REPO_ROOT, `scripts/stack/${action}.sh`)], { stdio: 'inherit' });
  const cassandra = () => new CassandraClient({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });

  beforeAll(async () => {
    const kafka = testKafka('restart');
    await ensureTopics(kafka, [{ name: topic, partitions: 1, replicationFactor: 1 }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: `kafka-${run}` }] });
    await producer.disconnect();

    const redis = new Redis(redisUrl);
    await redis.hset(`words:restart-${run}`, { count: '42', version: '7' });
    redis.disconnect();

    const mongo = new MongoClient(mongoUrl);
    await mongo.connect();
    await mongo.db(mongoDb).collection<{ _id: string; count: number }>('words').insertOne({ _id: `restart-${run}`, count: 42 });
    await mongo.close();

    const c = cassandra();
    await c.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await c.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.words (word_id text PRIMARY KEY, count bigint)`);
    await c.execute(`INSERT INTO ${keyspace}.words (word_id, count) VALUES (?, ?)`, [`restart-${run}`, 42], { prepare: true });
    await c.shutdown();

    const writeApi = new InfluxDB({ url: influx.url, token: influx.token ?? '' }).getWriteApi(influx.org, influx.bucket, 'ms');
    writeApi.writePoint(new Point(measurement).tag('series', 'restart').floatField('value', 42).timestamp(Date.now()));
    await writeApi.close();
    expect(await readInfluxPoints(measurement, {}, influx)).toHaveLength(1);

    stack('down');
    stack('up');
  });

  it('Kafka keeps its records', async () => {
    const [record] = await readTopic(testKafka('restart-read'), topic, 1);
    expect(record.value?.toString()).toBe(`kafka-${run}`);
  });

  it('Redis keeps its hashes (append-only file)', async () => {
    const redis = new Redis(redisUrl);
    try {
      expect(await redis.hgetall(`words:restart-${run}`)).toEqual({ count: '42', version: '7' });
    } finally {
      redis.disconnect();
    }
  });

  it('the Mongo stand-in keeps its documents (H2 file)', async () => {
    const mongo = new MongoClient(mongoUrl);
    try {
      await mongo.connect();
      expect(await mongo.db(mongoDb).collection<{ _id: string; count: number }>('words').findOne({ _id: `restart-${run}` })).toEqual({ _id: `restart-${run}`, count: 42 });
    } finally {
      await mongo.close();
    }
  });

  it('Cassandra keeps its rows', async () => {
    const c = cassandra();
    try {
      const rs = await c.execute(`SELECT count FROM ${keyspace}.words WHERE word_id = ?`, [`restart-${run}`], { prepare: true });
      expect(rs.rows.map((r) => Number(r.count))).toEqual([42]);
    } finally {
      await c.shutdown();
    }
  });

  it('InfluxDB keeps its points', async () => {
    const rows = await readInfluxPoints(measurement, {}, influx);
    expect(rows.map((r) => r.value)).toEqual([42]);
  });
});
