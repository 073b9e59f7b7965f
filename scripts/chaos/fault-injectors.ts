/**
 * Faults on the native stack's servers. Every fault restores what it changed in a `finally`, and
 * registers its restore with {@link restoreAll} so an interrupted run (Ctrl-C) never leaves a
 * server paused, stopped or reconfigured.
 */
import Redis from 'ioredis';
import { STACK_DIR, stackServer, stackServerPid, testRedisUrl } from '@sluice/testing';
import { sleep } from '../bench/bench-kit';

export type StackServer = 'kafka' | 'redis' | 'cassandra' | 'mongo' | 'influx';

export { STACK_DIR };

const pending = new Set<() => Promise<void> | void>();

/** Runs the restore of every fault still in progress (for a signal handler). */
export async function restoreAll(): Promise<void> {
  for (const restore of [...pending]) {
    try {
      await restore();
    } catch (e) {
      process.stderr.write(`chaos: a restore failed: ${(e as Error).message}\n`);
    }
  }
  pending.clear();
}

async function withRestore(apply: () => Promise<void> | void, restore: () => Promise<void> | void, heldMs: number): Promise<void> {
  let restored = false;
  const once = async () => {
    if (restored) return;
    restored = true;
    pending.delete(once);
    await restore();
  };
  pending.add(once);
  try {
    await apply();
    await sleep(heldMs);
  } finally {
    await once();
  }
}

/** The pid of a stack server (`$STACK_DIR/run/<server>.pid`). @throws when the pid file is missing */
export function stackPid(server: StackServer): number {
  return stackServerPid(server);
}

/** SIGSTOP a server for `ms` (ms), then SIGCONT: it keeps its connections and data but answers nothing. */
export function pauseServer(server: StackServer, ms: number): Promise<void> {
  const pid = stackPid(server);
  return withRestore(() => void process.kill(pid, 'SIGSTOP'), () => void process.kill(pid, 'SIGCONT'), ms);
}

/**
 * Stops a server with the stack's own stop function for `ms` (ms), then starts it again (waits
 * until it is ready). Redis and the Mongo stand-in keep no data on disk: they come back empty.
 */
export function stopServer(server: StackServer, ms: number): Promise<void> {
  return withRestore(() => stackServer(server, 'down'), () => stackServer(server, 'up'), ms);
}

/**
 * Makes Redis refuse every write (`maxmemory 1mb`, `noeviction`: OOM on each write command) for
 * `ms` (ms), then restores both settings as they were.
 */
export async function redisRefusesWrites(ms: number): Promise<void> {
  const redis = new Redis(testRedisUrl(0));
  try {
    const [, maxmemory] = (await redis.config('GET', 'maxmemory')) as string[];
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    await withRestore(
      async () => {
        await redis.config('SET', 'maxmemory-policy', 'noeviction');
        await redis.config('SET', 'maxmemory', '1mb');
      },
      async () => {
        await redis.config('SET', 'maxmemory', maxmemory);
        await redis.config('SET', 'maxmemory-policy', policy);
      },
      ms,
    );
  } finally {
    redis.disconnect();
  }
}
