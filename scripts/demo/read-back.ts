/**
 * Prints a short read-back from each store (used by `npm run demo`): the top words in Redis.
 * Usage: tsx scripts/demo/read-back.ts [topN]
 */
import Redis from 'ioredis';
import { processEnv } from '@sluice/config';
import { readRedisWordCounts } from '@sluice/testing';

async function main(): Promise<void> {
  const env = processEnv();
  const top = Number(process.argv[2] ?? 10);
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const counts = [...(await readRedisWordCounts(redis))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    process.stdout.write(`\nRedis — top ${top} of ${counts.length} words (HGET words:<word> count):\n`);
    for (const [w, n] of counts.slice(0, top)) process.stdout.write(`  ${w.padEnd(16)} ${n}\n`);
  } finally {
    redis.disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`read-back failed: ${(e as Error).message}\n`);
  process.exit(1);
});
