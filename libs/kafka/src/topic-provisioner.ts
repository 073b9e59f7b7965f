import type { Kafka } from 'kafkajs';

/** A topic a service needs; `partitions` and `replicationFactor` come from configuration. */
export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  cleanupPolicy?: 'compact' | 'delete';
}

/**
 * Creates the topics that do not exist yet (existing ones are left as they are, even with a
 * different partition count) and waits for their leaders. Safe to call from several services
 * at once: a concurrent creation is not an error.
 *
 * @returns the names of the topics this call created
 * @throws when the broker cannot be reached or refuses a creation for another reason
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const unique = new Map(specs.map((s) => [s.name, s]));
    const missing = [...unique.values()].filter((s) => !existing.has(s.name));
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        // kafkajs waits 5 s for leaders by default; a busy broker creating many partitions needs longer.
        timeout: 30000,
        topics: missing.map((s) => ({
          topic: s.name,
          numPartitions: s.partitions,
          replicationFactor: s.replicationFactor,
          configEntries: s.cleanupPolicy === 'compact' ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
        })),
      });
    } catch (e) {
      // Another service may have created some of them between listTopics and createTopics.
      const now = new Set(await admin.listTopics());
      if (missing.some((s) => !now.has(s.name))) throw new Error(`could not create topics: ${(e as Error).message}`, { cause: e });
    }
    return missing.map((s) => s.name);
  } finally {
    await admin.disconnect();
  }
}

/** Partition count of each topic (from broker metadata). */
export async function partitionCounts(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: [...topics] });
    return new Map(md.topics.map((t) => [t.name, t.partitions.length]));
  } finally {
    await admin.disconnect();
  }
}
