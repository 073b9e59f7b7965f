/** Consumer-group lag from Kafka's admin API: what a group has not committed yet, per topic. */
import type { Kafka } from '@sluice/kafka';

/**
 * Records of each topic `group` has not committed: Σ over partitions of (end offset − committed
 * offset), a partition never committed counting from 0. A transactional topic's last commit
 * marker is never consumed, so a caught-up group shows about one record per partition there.
 */
export async function groupLag(kafka: Kafka, group: string, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, number>();
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      let lag = 0;
      for (const e of ends) {
        const c = Number(committed.partitions.find((p) => p.partition === e.partition)?.offset ?? -1);
        lag += Math.max(0, Number(e.high) - Math.max(0, c));
      }
      out.set(topic, lag);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}
