/**
 * npm run bench:wordcount — Kafka → processor → Redis on the native stack.
 *
 * 1. Throughput: 1,000,000 lines of Don Quijote (repeated) are loaded into `text-lines`, then a
 *    fresh processor (BATCH_INTERVAL_MS, default 1000) and Redis writer start; the processor's
 *    lines/s and words/s are measured from the moment it is ready (/health 200: group joined,
 *    state restored) to the commit of the last line.
 * 2. Latency: with both running, lines are produced at a steady 1,000 lines/s for 30 s, each with
 *    a unique marker word; p50/p99 = producer timestamp → the marker visible in Redis.
 * 3. Kafka's own ConsumerPerformance reads the same 1,000,000 records, for the ratio.
 *
 * Resets `text-lines` and `word-counts`; uses its own consumer groups and Redis database 9.
 * Env: BENCH_LINES (1000000), BENCH_LATENCY_SECONDS (30), BENCH_RATE (1000), BATCH_INTERVAL_MS.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import { processEnv } from '@sluice/config';
import { Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { countWords, wordsTokenizer } from '@sluice/streaming';
import { produceLines, quijoteLines, REPO_ROOT, resetTopics, ServiceProcess, testKafka, testRedisUrl, waitFor, TEST_BROKERS } from '@sluice/testing';
import { committedRecords, printTable, quantile, sleep } from './bench-kit';

const env = processEnv();
const LINES = Number(env.BENCH_LINES ?? 1_000_000);
const LATENCY_SECONDS = Number(env.BENCH_LATENCY_SECONDS ?? 30);
const RATE = Number(env.BENCH_RATE ?? 1000);
const BATCH_INTERVAL_MS = Number(env.BATCH_INTERVAL_MS ?? 1000);

async function main(): Promise<void> {
  const kafka = testKafka('bench-wordcount');
  const run = Date.now().toString(36);
  const group = `bench-wc-${run}`;
  const redis = new Redis(testRedisUrl(9));
  const services: ServiceProcess[] = [];
  try {
    await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    await redis.flushdb();
    const lines = quijoteLines(LINES);
    const words = [...countWords(lines, wordsTokenizer).values()].reduce((a, b) => a + b, 0);
    const producer = await RecordProducer.connect(kafka);
    let t = Date.now();
    await produceLines(producer, Topics.textLines, lines, 5000);
    const loadSeconds = (Date.now() - t) / 1000;

    const processor = new ServiceProcess('processor', `${group}-processor`, { PROCESSOR_GROUP_ID: group, JOBS: 'word-counts', BATCH_INTERVAL_MS: String(BATCH_INTERVAL_MS), LOG_LEVEL: 'warn' });
    const writer = new ServiceProcess('redis-writer', `${group}-redis-writer`, { REDIS_URL: testRedisUrl(9), WRITER_GROUP_ID: `${group}-redis`, LOG_LEVEL: 'warn' });
    services.push(processor, writer);
    await writer.start();
    const admin = kafka.admin();
    await admin.connect();
    const committed = () => committedRecords(admin, group, Topics.textLines);
    const startedAt = Date.now();
    await processor.start();
    // From ready (group joined, state restored) to the last commit: a first-commit start would leave
    // out the first micro-batch, which on a backlog is a large share of the work.
    const readyAt = Date.now();
    const lastCommit = await waitFor('all lines committed', async () => ((await committed()) >= LINES ? Date.now() : undefined), { intervalMs: 20, timeoutMs: 600000 });
    const processSeconds = (lastCommit - readyAt) / 1000;
    const linesPerSecond = LINES / processSeconds;
    const truthQue = countWords(lines, wordsTokenizer).get('que');
    await waitFor('totals visible in Redis', async () => ((await redis.hget('words:que', 'count')) === String(truthQue) ? true : undefined), { timeoutMs: 300000 });
    const visibleSeconds = (Date.now() - startedAt) / 1000;

    // Latency at a steady rate.
    const latencies: number[] = [];
    const outstanding = new Map<string, number>();
    let seq = 0;
    const tick = 10;
    const perTick = (RATE * tick) / 1000;
    const endAt = Date.now() + LATENCY_SECONDS * 1000;
    // Redis keyspace notifications push each new words:<marker> key: no polling load on the machine.
    await redis.config('SET', 'notify-keyspace-events', 'Kh');
    const subscriber = new Redis(testRedisUrl(9));
    await subscriber.psubscribe(`__keyspace@9__:words:mk${run}x*`);
    subscriber.on('pmessage', (_pattern, channel) => {
      const marker = channel.slice(channel.indexOf('words:') + 'words:'.length);
      const sentAt = outstanding.get(marker);
      if (sentAt !== undefined) {
        latencies.push(Date.now() - sentAt);
        outstanding.delete(marker);
      }
    });
    let next = Date.now();
    while (Date.now() < endAt) {
      const batch = [];
      for (let i = 0; i < perTick; i++, seq++) {
        const marker = `mk${run}x${seq}`;
        const ts = Date.now();
        outstanding.set(marker, ts);
        batch.push({ value: `${lines[seq % lines.length]} ${marker}`, timestamp: ts });
      }
      await producer.send(Topics.textLines, batch);
      next += tick;
      await sleep(Math.max(0, next - Date.now()));
    }
    await waitFor('every marker visible in Redis', () => (outstanding.size === 0 ? true : undefined), { timeoutMs: 30000, intervalMs: 50 }).catch(() => undefined);
    subscriber.disconnect();
    await producer.disconnect();
    await admin.disconnect();

    // Kafka's own consumer on the same topic.
    let perfMsgsPerSecond = NaN;
    try {
    const perf = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/stack/kafka-tool.sh'), 'consumer-perf', '--bootstrap-server', TEST_BROKERS, '--topic', Topics.textLines,
      '--messages', String(LINES), '--group', `${group}-perf`, '--timeout', '60000'], { encoding: 'utf8' });
    const perfLine = perf.trim().split('\n').pop()!.split(',').map((s) => s.trim());
    perfMsgsPerSecond = Number(perfLine[9]); // fetch.nMsg.sec: excludes the group join, as the processor figure does
    } catch (e) {
      process.stderr.write(`ConsumerPerformance failed: ${(e as Error).message}\n`);
    }

    printTable(`bench:wordcount (${LINES.toLocaleString('en-US')} lines, ${words.toLocaleString('en-US')} words, batch interval ${BATCH_INTERVAL_MS} ms)`, [
      ['load into Kafka (lines/s)', Math.round(LINES / loadSeconds)],
      ['processor lines/s', Math.round(linesPerSecond)],
      ['processor words/s', Math.round((linesPerSecond * words) / LINES)],
      ['start → all totals in Redis (s)', visibleSeconds],
      [`latency p50 at ${RATE} lines/s (ms)`, quantile(latencies, 0.5)],
      [`latency p99 at ${RATE} lines/s (ms)`, quantile(latencies, 0.99)],
      ['latency samples (seen / sent)', `${latencies.length} / ${seq}`],
      ['Kafka ConsumerPerformance (msgs/s)', Math.round(perfMsgsPerSecond)],
      ['processor / ConsumerPerformance', (linesPerSecond / perfMsgsPerSecond).toFixed(3)],
    ]);
    process.stdout.write(JSON.stringify({ bench: 'wordcount', lines: LINES, words, batchIntervalMs: BATCH_INTERVAL_MS, linesPerSecond, wordsPerSecond: (linesPerSecond * words) / LINES, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), consumerPerfMsgsPerSecond: perfMsgsPerSecond }) + '\n');
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    redis.disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`bench:wordcount failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
