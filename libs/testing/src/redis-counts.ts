import Redis from 'ioredis';

/** Reads every `words:<word>` hash of a Redis database into word → count. */
export async function readRedisWordCounts(redis: Redis): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'words:*', 'COUNT', 5000);
    cursor = next;
    if (keys.length) {
      const p = redis.pipeline();
      for (const k of keys) p.hget(k, 'count');
      const res = (await p.exec()) ?? [];
      keys.forEach((k, i) => out.set(k.slice('words:'.length), Number(res[i][1])));
    }
  } while (cursor !== '0');
  return out;
}

/** Differences between expected and actual counts (at most `limit`), for failure messages. */
export function countDiff(expected: ReadonlyMap<string, number>, actual: ReadonlyMap<string, number>, limit = 10): string[] {
  const diffs: string[] = [];
  for (const [w, n] of expected) if (actual.get(w) !== n) diffs.push(`${w}: expected ${n}, got ${actual.get(w)}`);
  for (const [w, n] of actual) if (!expected.has(w)) diffs.push(`${w}: unexpected ${n}`);
  return diffs.slice(0, limit).concat(diffs.length > limit ? [`… ${diffs.length - limit} more`] : []);
}

/** Empties the Redis database of `url` (e.g. `redis://127.0.0.1:6379/10`) with a short-lived client. */
export async function flushRedisDb(url: string): Promise<void> {
  const r = new Redis(url);
  try {
    await r.flushdb();
  } finally {
    r.disconnect();
  }
}
