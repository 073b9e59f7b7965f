import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@sluice/observability';

/** One changelog partition to replay into a store. */
export interface RestoreRequest {
  topic: string;
  partition: number;
  /** Applies one changelog record (value null = tombstone) read at `offset`. */
  apply(key: string, value: Buffer | null, offset: string): void;
}

/**
 * Replays changelog partitions from the beginning to their current end (read_committed) into
 * the stores of newly assigned tasks — Kafka Streams' restore phase.
 *
 * Call it only after the task's producer fenced the previous owner: then no transaction is open
 * on these partitions and the high watermark is their stable end.
 * kafkajs has no manual partition assignment, so a throw-away consumer group subscribes to the
 * changelog topics and pauses the partitions it does not need.
 *
 * @param deadlineMs give up after this long (ms)
 * @param onProgress called after every batch of records applied
 * @throws when the deadline passes before every partition reached its end
 */
export async function restoreChangelogs(kafka: Kafka, groupPrefix: string, requests: readonly RestoreRequest[], logger: Logger, deadlineMs = 300000, onProgress?: () => void): Promise<number> {
  const key = (t: string, p: number) => `${t}:${p}`;
  const ends = new Map<string, number>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of new Set(requests.map((r) => r.topic))) {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        if (Number(o.high) > Number(o.low)) ends.set(key(topic, o.partition), Number(o.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const pending = new Map(requests.filter((r) => ends.has(key(r.topic, r.partition))).map((r) => [key(r.topic, r.partition), r]));
  if (pending.size === 0) return 0;

  const groupId = `${groupPrefix}-restore-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxBytes: 50 * 1024 * 1024, maxWaitTimeInMs: 100 });
  let applied = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`changelog restore did not finish within ${deadlineMs} ms (${[...pending.keys()].join(', ')} left)`)), deadlineMs);
    const progress = (topic: string, partition: number, lastOffset: string) => {
      const k = key(topic, partition);
      if (pending.has(k) && Number(lastOffset) >= ends.get(k)! - 1) {
        pending.delete(k);
        consumer.pause([{ topic, partitions: [partition] }]);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => progress(e.payload.topic, e.payload.partition, e.payload.lastOffset));
    consumer.on(consumer.events.CRASH, (e) => {
      clearTimeout(timer);
      reject(new Error(`changelog restore consumer crashed: ${e.payload.error.message}`, { cause: e.payload.error }));
    });
    void consumer
      .connect()
      .then(() => consumer.subscribe({ topics: [...new Set(requests.map((r) => r.topic))], fromBeginning: true }))
      .then(() =>
        consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const req = pending.get(key(batch.topic, batch.partition));
            if (!req) {
              consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
              return;
            }
            for (const m of batch.messages) {
              if (m.key) req.apply(m.key.toString('utf8'), m.value, m.offset);
              applied++;
            }
            onProgress?.();
          },
        }),
      )
      .catch(reject);
  });
  try {
    await done;
    logger.info({ context: 'ChangelogRestorer', partitions: requests.length, records: applied }, 'state restored from changelog');
    return applied;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const cleanup = kafka.admin();
    // The throw-away group holds no offsets worth keeping; failing to delete it only leaves clutter.
    await cleanup.connect().then(() => cleanup.deleteGroups([groupId])).catch(() => undefined).finally(() => cleanup.disconnect());
  }
}
