/**
 * Deletes the Kafka topics a chaos run created for itself: each scenario's processor makes its own
 * repartition and changelog topics (`chaos-<run>-processor-…`, 36 topics × 6 partitions with all
 * five jobs, hundreds of MB of changelog after a full-size feed). Left behind, every run adds them
 * to the one broker of the native stack, which the next scenarios share.
 */
import type { Kafka } from '@sluice/kafka';
import { waitFor } from '@sluice/testing';

/** Prefix of every topic a chaos scenario's services create (see `runScenario`'s names). */
export const CHAOS_TOPIC_PREFIX = 'chaos-';

/**
 * Deletes every topic whose name starts with `prefix` and waits until the broker no longer lists
 * them (up to 60 s). @returns how many were deleted. @throws when Kafka cannot be reached
 */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const doomed = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (doomed.length === 0) return 0;
    await admin.deleteTopics({ topics: doomed, timeout: 60_000 });
    await waitFor(`${doomed.length} topics ${prefix}* deleted`, async () => {
      const left = new Set(await admin.listTopics());
      return doomed.every((t) => !left.has(t)) ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    return doomed.length;
  } finally {
    await admin.disconnect();
  }
}
