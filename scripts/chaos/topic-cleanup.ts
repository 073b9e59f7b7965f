/**
 * Deletes the Kafka topics a chaos run created for itself: each scenario's processor makes its own
 * repartition and changelog topics (`chaos-<run>-processor-…`, 36 topics × 6 partitions with all
 * five jobs, hundreds of MB of changelog after a full-size feed). Left behind, every run adds them
 * to the one broker of the native stack, which the next scenarios share.
 */
import type { Kafka } from '@sluice/kafka';
import { deleteTopics } from '@sluice/testing';

/** Prefix of every topic a chaos scenario's services create (see `runScenario`'s names). */
export const CHAOS_TOPIC_PREFIX = 'chaos-';

/** Deletes every topic whose name starts with `prefix`. @returns how many. @throws when Kafka cannot be reached */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<number> {
  return (await deleteTopics(kafka, (name) => name.startsWith(prefix))).length;
}
