/**
 * npm run bench:writers — each writer service on its real store (native stack).
 *
 * 200,000 `word-counts` updates over 20,000 distinct words (each word's count grows, so every
 * record is a newer version) are loaded into `word-counts`; then each writer starts with a fresh
 * consumer group and store namespace, and its rate is measured over its busy span, from the start
 * of its first batch to the commit of its last, as the writer logs them (LOG_LEVEL=debug: one line
 * per batch): records/s through the whole writer (decode, keep the newest per key within a batch,
 * upsert, commit). Group join, store connection and the first fetch are not counted. The influx writer is measured the same way on 200,000 `signals` samples.
 * The writers that keep `word-counts-windowed` are also measured on 200,000 window records at the
 * default window (30 s) and slide (10 s): every slide emits every word of its window, so each
 * record is a new key `<windowStart>/<word>` (10 windows of 20,000 words).
 *
 * Resets `word-counts` and `signals`. Env: BENCH_UPDATES (200000), BENCH_WORDS (20000),
 * BENCH_WRITERS (comma-separated apps to measure, e.g. `influx-writer`; default all four).
 */
import { readFileSync } from 'node:fs';
import { processEnv } from '@sluice/config';
import { encodeWordWindowCount, Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, testRedisUrl, waitFor, flushRedisDb } from '@sluice/testing';
import { committedRecords, printTable } from './bench-kit';

const env = processEnv();
const UPDATES = Number(env.BENCH_UPDATES ?? 200_000);
const WORDS = Number(env.BENCH_WORDS ?? 20_000);
const ONLY = env.BENCH_WRITERS ? new Set(env.BENCH_WRITERS.split(',').map((a) => a.trim())) : undefined;

/**
 * The writer's busy span from its own log (LOG_LEVEL=debug): every handled batch logs
 * "batch written and committed" with its end time and `handleMs`. Returns ms from the start of the
 * first batch to the commit of the last.
 */
function busySpanMs(svc: ServiceProcess): number {
  let start = Infinity;
  let end = -Infinity;
  for (const line of readFileSync(svc.logFile, 'utf8').split('\n')) {
    if (!line.includes('batch written and committed')) continue;
    const entry = JSON.parse(line) as { time: string; handleMs: number };
    const t = Date.parse(entry.time);
    start = Math.min(start, t - entry.handleMs);
    end = Math.max(end, t);
  }
  if (!Number.isFinite(start)) throw new Error(`no batch logged in ${svc.logFile}`);
  return end - start;
}

async function main(): Promise<void> {
  const kafka = testKafka('bench-writers');
  const run = Date.now().toString(36);
  await resetTopics(kafka, [Topics.wordCounts, Topics.signals, Topics.wordCountsWindowed, dlqTopic(Topics.wordCounts), dlqTopic(Topics.signals), dlqTopic(Topics.wordCountsWindowed)]);
  const producer = await RecordProducer.connect(kafka);
  const now = new Date().toISOString();
  const counts = new Array<number>(WORDS).fill(0);
  for (let i = 0; i < UPDATES; i += 10000) {
    await producer.send(Topics.wordCounts, Array.from({ length: Math.min(10000, UPDATES - i) }, (_, k) => {
      const w = (i + k) % WORDS;
      counts[w]++;
      return { key: `w${w}`, value: JSON.stringify({ word: `w${w}`, count: counts[w], updatedAt: now }) };
    }));
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    await producer.send(Topics.signals, Array.from({ length: Math.min(10000, UPDATES - i) }, (_, k) => ({
      key: `bench${run}`,
      value: JSON.stringify({ series: `bench${run}`, time: new Date(t0 + (i + k) * 1000).toISOString(), value: (i + k) % 97 }),
    })));
  }
  const slideMs = 10_000;
  const windowMs = 30_000;
  const w0 = Date.parse('2026-01-01T00:00:30Z');
  for (let i = 0; i < UPDATES; i += 10000) {
    await producer.send(Topics.wordCountsWindowed, Array.from({ length: Math.min(10000, UPDATES - i) }, (_, k) => {
      const n = i + k;
      const end = w0 + Math.floor(n / WORDS) * slideMs;
      return encodeWordWindowCount({ word: `w${n % WORDS}`, count: 1 + (n % 5), windowStart: new Date(end - windowMs).toISOString(), windowEnd: new Date(end).toISOString() });
    }));
  }
  await producer.disconnect();
  const redisUrl = testRedisUrl(11);
  await flushRedisDb(redisUrl);

  const writers = ([
    ['redis-writer', Topics.wordCounts, { REDIS_URL: redisUrl }],
    ['cassandra-writer', Topics.wordCounts, { CASSANDRA_KEYSPACE: `bench_${run}` }],
    ['mongo-writer', Topics.wordCounts, { MONGO_DATABASE: `bench_${run}` }],
    ['influx-writer', Topics.signals, {}],
    ['redis-writer', Topics.wordCountsWindowed, { REDIS_URL: redisUrl }],
    ['cassandra-writer', Topics.wordCountsWindowed, { CASSANDRA_KEYSPACE: `bench_${run}` }],
    ['mongo-writer', Topics.wordCountsWindowed, { MONGO_DATABASE: `bench_${run}` }],
  ] as Array<[string, string, Record<string, string>]>).filter(([app]) => !ONLY || ONLY.has(app));
  if (writers.length === 0) throw new Error(`BENCH_WRITERS names no writer: ${env.BENCH_WRITERS}`);
  const admin = kafka.admin();
  await admin.connect();
  const rows: Array<[string, string]> = [];
  const figures: Record<string, number> = {};
  for (const [app, topic, extra] of writers) {
    const group = `bench-${app}-${topic}-${run}`;
    const committed = () => committedRecords(admin, group, topic);
    const svc = new ServiceProcess(app, group, { ...extra, WRITER_TOPICS: topic, WRITER_GROUP_ID: group, LOG_LEVEL: 'debug' });
    await svc.start();
    try {
      await waitFor(`${app} all committed`, async () => ((await committed()) >= UPDATES ? true : undefined), { intervalMs: 50, timeoutMs: 900000 });
      const rate = UPDATES / Math.max(0.001, busySpanMs(svc) / 1000);
      figures[`${app} ${topic}`] = rate;
      rows.push([`${app} ${topic} (records/s)`, Math.round(rate).toLocaleString('en-US')]);
    } finally {
      await svc.stop();
    }
  }
  await admin.disconnect();
  printTable(`bench:writers (${UPDATES.toLocaleString('en-US')} updates over ${WORDS.toLocaleString('en-US')} words; influx: ${UPDATES.toLocaleString('en-US')} samples)`, rows);
  process.stdout.write(JSON.stringify({ bench: 'writers', updates: UPDATES, words: WORDS, recordsPerSecond: figures }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench:writers failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
