/**
 * Prints a short read-back from each store (used by `npm run demo`): the top words in Redis,
 * Cassandra and MongoDB, the latest windowed word counts in Redis, and the latest wave points and
 * `signal_stats` windows in InfluxDB.
 * Usage: tsx scripts/demo/read-back.ts [topN]
 */
import Redis from 'ioredis';
import { processEnv } from '@sluice/config';
import { readCassandraWordCounts, readInfluxPoints, readMongoWordCounts, readRedisWordCounts } from '@sluice/testing';

const top = Number(process.argv[2] ?? 10);

function printTop(title: string, counts: Map<string, number>): void {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  process.stdout.write(`\n${title} — top ${top} of ${sorted.length} words:\n`);
  for (const [w, n] of sorted.slice(0, top)) process.stdout.write(`  ${w.padEnd(16)} ${n}\n`);
}

async function section(title: string, fn: () => Promise<void>, timeoutMs = 20000): Promise<void> {
  // One store being slow or unavailable must not hide the others' read-back.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
  await Promise.race([fn(), timeout])
    .catch((e) => process.stdout.write(`\n${title}: unavailable (${(e as Error).message})\n`))
    .finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const env = processEnv();
  await section('Redis', async () => {
    const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      printTop('Redis (HGET words:<word> count)', await readRedisWordCounts(redis));
    } finally {
      redis.disconnect();
    }
  });
  await section('Redis windows', async () => {
    const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const keys = (await redis.keys('words-window:*')).filter((k) => !k.endsWith(':versions')).sort();
      const latest = keys[keys.length - 1];
      if (!latest) return void process.stdout.write('\nRedis windows: none yet (word-counts-windowed emits every slide)\n');
      const z = await redis.zrevrange(latest, 0, top - 1, 'WITHSCORES');
      process.stdout.write(`\nRedis (ZREVRANGE ${latest}) — top ${top} of the latest window:\n`);
      for (let i = 0; i < z.length; i += 2) process.stdout.write(`  ${z[i].padEnd(16)} ${z[i + 1]}\n`);
    } finally {
      redis.disconnect();
    }
  });
  await section('Cassandra', async () => printTop('Cassandra (mykeyspace.words)', await readCassandraWordCounts(env.CASSANDRA_KEYSPACE ?? 'mykeyspace')));
  await section('MongoDB', async () => printTop('MongoDB (sluice.words)', await readMongoWordCounts(env.MONGO_DATABASE ?? 'sluice')));
  await section('InfluxDB', async () => {
    const since = Date.now() - 24 * 3600 * 1000; // the last day: a long-used stack holds far more
    const iso = (ms: number) => new Date(ms).toISOString();
    const sine = (await readInfluxPoints('sine-wave', { from: since, last: 3 })).reverse();
    const tri = (await readInfluxPoints('trwave', { from: since, last: 3 })).reverse();
    process.stdout.write('\nInfluxDB — latest points:\n');
    for (const r of sine) process.stdout.write(`  sine-wave value=${Number(r.value).toFixed(3)}  ${iso(r.time)}\n`);
    for (const r of tri) process.stdout.write(`  trwave    tr=${Number(r.tr).toFixed(3)}     ${iso(r.time)}\n`);
    const stats = (await readInfluxPoints('signal_stats', { from: since, last: 4 })).reverse();
    process.stdout.write('\nInfluxDB — latest signal_stats windows (start, series, count, min, max, mean):\n');
    for (const r of stats) process.stdout.write(`  ${iso(r.time)}  ${String(r.series).padEnd(9)} ${r.count}  ${Number(r.min).toFixed(3)}  ${Number(r.max).toFixed(3)}  ${Number(r.mean).toFixed(3)}\n`);
  });
}

main()
  .then(() => process.exit(0)) // a timed-out section may leave a client open; the read-back is done
  .catch((e) => {
    process.stderr.write(`read-back failed: ${(e as Error).message}\n`);
    process.exit(1);
  });
