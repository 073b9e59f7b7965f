/**
 * Word totals of Redis, Cassandra and MongoDB against the truth, and the wait until all three
 * equal it (polled every few seconds: a store read of a few tens of thousands of keys is cheap).
 */
import Redis from 'ioredis';
import { readCassandraWordCounts, readMongoWordCounts, readRedisWordCounts } from '@sluice/testing';
import { sleep } from '../bench/bench-kit';
import { diffCounts, type StoreDiff } from './count-diff';
import type { RunNames } from './service-kinds';

export const WORD_STORES = ['redis', 'cassandra', 'mongo'] as const;
export type WordStore = (typeof WORD_STORES)[number];

/** Reads one store's word totals; a store that cannot be read gives undefined. */
export async function readWordStore(store: WordStore, names: RunNames): Promise<Map<string, number> | undefined> {
  try {
    if (store === 'cassandra') return await readCassandraWordCounts(names.keyspace);
    if (store === 'mongo') return await readMongoWordCounts(names.mongoDatabase);
    const redis = new Redis(names.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      return await readRedisWordCounts(redis);
    } finally {
      redis.disconnect();
    }
  } catch {
    return undefined;
  }
}

export interface Convergence {
  /** When every store first equalled the truth (ms since the epoch), or undefined on time-out. */
  convergedAt?: number;
  /** The last difference seen per store (undefined = could not be read). */
  diffs: Record<WordStore, StoreDiff | undefined>;
  /** When each store first equalled the truth (ms since the epoch; absent = never). */
  storeConvergedAt: Partial<Record<WordStore, number>>;
}

/** Polls the three stores until all equal `truth` or `timeoutMs` (ms) passes. */
export async function waitForConvergence(truth: ReadonlyMap<string, number>, names: RunNames, timeoutMs: number): Promise<Convergence> {
  const deadline = Date.now() + timeoutMs;
  const diffs = {} as Record<WordStore, StoreDiff | undefined>;
  const storeConvergedAt: Partial<Record<WordStore, number>> = {};
  for (;;) {
    for (const store of WORD_STORES) {
      const counts = await readWordStore(store, names);
      diffs[store] = counts && diffCounts(truth, counts);
      if (diffs[store]?.wrongWords === 0) storeConvergedAt[store] ??= Date.now();
    }
    if (WORD_STORES.every((s) => diffs[s] && diffs[s]!.wrongWords === 0)) return { convergedAt: Date.now(), diffs, storeConvergedAt };
    if (Date.now() > deadline) return { diffs, storeConvergedAt };
    await sleep(3000);
  }
}
