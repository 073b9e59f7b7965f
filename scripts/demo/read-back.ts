/**
 * Prints a short read-back from each store (used by `npm run demo`): the top words in Redis,
 * Cassandra and MongoDB, the latest windowed word counts in Redis, the latest wave points and
 * `signal_stats` windows in InfluxDB, log-errors' counts per error code and top URLs (Redis), and
 * gharchive's bronze rows per (day, hour) (Cassandra) and per-day type counts and top
 * repositories (Redis, MongoDB).
 * Usage: tsx scripts/demo/read-back.ts [topN]
 */
import Redis from 'ioredis';
import { Client } from 'cassandra-driver';
import { MongoClient } from 'mongodb';
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
  await section('Redis log-errors', async () => {
    const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const codes = new Map<string, number>();
      for (const key of await redis.keys('log-errors:*')) codes.set(key.slice('log-errors:'.length), Number(await redis.hget(key, 'count')));
      if (codes.size === 0) return void process.stdout.write('\nRedis log-errors: none yet (feed app-logs: producer logs --file F)\n');
      const sorted = [...codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      process.stdout.write(`\nRedis (HGET log-errors:<code> count) — log-errors, ${sorted.length} error codes:\n`);
      for (const [code, n] of sorted.slice(0, top)) process.stdout.write(`  ${code.padEnd(24)} ${n}\n`);
      const urls = JSON.parse((await redis.hget('log-top-urls', 'top')) ?? '[]') as Array<{ url: string; count: number }>;
      process.stdout.write(`Redis (HGET log-top-urls top) — ${urls.length} problematic URLs:\n`);
      for (const u of urls.slice(0, top)) process.stdout.write(`  ${u.url.padEnd(48)} ${u.count}\n`);
    } finally {
      redis.disconnect();
    }
  });
  await section('Redis gharchive', async () => {
    const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const days = (await redis.keys('gharchive:types:*')).sort();
      if (days.length === 0) return void process.stdout.write('\nRedis gharchive: none yet (producer files --landing DIR)\n');
      for (const key of days) {
        const day = key.slice('gharchive:types:'.length);
        const types = Object.entries(await redis.hgetall(key)).filter(([t]) => t !== 'version').map(([t, n]) => [t, Number(n)] as const).sort((a, b) => b[1] - a[1]);
        process.stdout.write(`\nRedis (HGETALL ${key}) — events of ${day} by type:\n`);
        for (const [t, n] of types) process.stdout.write(`  ${t.padEnd(28)} ${n}\n`);
        const z = await redis.zrevrange(`gharchive:top-repos:${day}`, 0, top - 1, 'WITHSCORES');
        process.stdout.write(`Redis (ZREVRANGE gharchive:top-repos:${day}) — top repositories:\n`);
        for (let i = 0; i < z.length; i += 2) process.stdout.write(`  ${z[i].padEnd(48)} ${z[i + 1]}\n`);
      }
    } finally {
      redis.disconnect();
    }
  });
  await section('Cassandra gharchive', async () => {
    const keyspace = env.CASSANDRA_KEYSPACE ?? 'mykeyspace';
    const cassandra = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
    try {
      // The bronze partition key is (event_date, event_hour): count the rows of each, page by page.
      const perHour = new Map<string, number>();
      let rows = 0;
      let pageState: string | undefined;
      do {
        const rs = await cassandra.execute(`SELECT event_date, event_hour FROM ${keyspace}.gharchive_events`, [], { fetchSize: 5000, pageState });
        for (const r of rs.rows) {
          const k = `${String(r.event_date)} ${String(r.event_hour).padStart(2, '0')}h`;
          perHour.set(k, (perHour.get(k) ?? 0) + 1);
        }
        rows += rs.rows.length;
        pageState = rs.pageState ?? undefined;
      } while (pageState);
      process.stdout.write(`\nCassandra (${keyspace}.gharchive_events, bronze) — ${rows} events by (event_date, event_hour):\n`);
      for (const [k, n] of [...perHour].sort()) process.stdout.write(`  ${k}  ${n}\n`);
    } finally {
      await cassandra.shutdown();
    }
  });
  await section('MongoDB gharchive', async () => {
    const mongo = new MongoClient(env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
    try {
      const docs = await mongo.db(env.MONGO_DATABASE ?? 'sluice').collection('gharchive_top_repos').find().sort({ _id: 1 }).toArray();
      for (const d of docs) {
        const ranked = (d.top as Array<{ repo: string; count: number }>).slice(0, 3).map((t) => `${t.repo} (${t.count})`).join(', ');
        process.stdout.write(`\nMongoDB (sluice.gharchive_top_repos) — ${String(d._id)}: ${ranked}\n`);
      }
      if (docs.length === 0) process.stdout.write('\nMongoDB gharchive: none yet\n');
    } finally {
      await mongo.close();
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
