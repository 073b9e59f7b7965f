/**
 * Reads topics from the beginning to their current end with read_committed (aborted transactions
 * are skipped, as the writers and the processor see them), one fresh consumer group for all.
 */
import type { Kafka } from '@sluice/kafka';
import { waitFor } from '@sluice/testing';
import type { StreamRecord } from '@sluice/streaming';

/** A record as read back: the same shape the processor's tasks see. */
export type ReadRecord = StreamRecord;

/**
 * Calls `onRecord` for every record of `topics` up to the end offsets taken at the start.
 * A transactional topic ends with a commit marker (and, after a killed producer, maybe an aborted
 * transaction) that is never delivered: a partition also counts as read when nothing arrived for
 * `idleMs` (ms) and at most `maxUnreadTail` offsets of it remain. Both conditions: on a starved
 * machine a fetch can take longer than a few seconds, and stopping on idleness alone once cut a
 * truth at 607,000 of 1,000,000 lines (every store then "counted twice").
 * @throws when the topics cannot be read within `timeoutMs` (ms)
 */
export async function readTopics(
  kafka: Kafka,
  topics: readonly string[],
  onRecord: (r: ReadRecord) => void,
  { idleMs = 15000, maxUnreadTail = 10000, timeoutMs = 600000 } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  try {
    for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  } finally {
    await admin.disconnect();
  }
  const next = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `sluice-chaos-read-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 200, maxBytesPerPartition: 8 * 1048576, maxBytes: 64 * 1048576, readUncommitted: false });
  const startedAt = Date.now();
  let lastAt: number | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch, heartbeat }) => {
        for (const m of batch.messages) {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = String(v);
          onRecord({ topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key, value: m.value, timestamp: Number(m.timestamp), headers });
          next.set(`${batch.topic}/${batch.partition}`, Number(m.offset) + 1);
        }
        lastAt = Date.now();
        await heartbeat();
      },
    });
    await waitFor(`the end of ${topics.join(', ')}`, () => {
      const behind = [...ends].filter(([tp, end]) => end > 0 && (next.get(tp) ?? 0) < end);
      // Before the first batch the group may still be joining: a topic of aborted records only gets 30 s.
      const idle = lastAt === undefined ? Date.now() - startedAt > 30000 : Date.now() - lastAt > idleMs;
      const onlyTails = behind.every(([tp, end]) => end - (next.get(tp) ?? 0) <= maxUnreadTail);
      return behind.length === 0 || (idle && onlyTails) ? true : undefined;
    }, { timeoutMs, intervalMs: 250 });
  } finally {
    await consumer.disconnect();
  }
}
