import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@sluice/observability';

/** One changelog partition to replay into a store. */
export interface RestoreRequest {
  topic: string;
  partition: number;
  /**
   * First offset to read (the position of a snapshot the store was loaded from); default: the
   * partition's start. Records before it are not read.
   */
  fromOffset?: number;
  /** Applies one changelog record (value null = tombstone) read at `offset`. */
  apply(key: string, value: Buffer | null, offset: string): void;
}

/** A changelog partition's offsets (Kafka's log start and high watermark). */
export interface ChangelogOffsets {
  low: number;
  high: number;
}

const keyOf = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Reads the log start and high watermark of every partition of `topics`, keyed `<topic>:<partition>`.
 * Read after the task's producer fenced the previous owner, the high watermark is the stable end
 * (no transaction is open on the task's changelog partitions).
 */
export async function fetchChangelogOffsets(kafka: Kafka, topics: readonly string[]): Promise<Map<string, ChangelogOffsets>> {
  const offsets = new Map<string, ChangelogOffsets>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of new Set(topics)) {
      for (const o of await admin.fetchTopicOffsets(topic)) offsets.set(keyOf(topic, o.partition), { low: Number(o.low), high: Number(o.high) });
    }
  } finally {
    await admin.disconnect();
  }
  return offsets;
}

/** The offsets of one partition in a {@link fetchChangelogOffsets} result (an unknown partition reads as empty). */
export function offsetsOf(offsets: ReadonlyMap<string, ChangelogOffsets>, topic: string, partition: number): ChangelogOffsets {
  return offsets.get(keyOf(topic, partition)) ?? { low: 0, high: 0 };
}

/**
 * Replays changelog partitions from their start (or a request's `fromOffset`) to the end in
 * `offsets` (read_committed) into the stores of newly assigned tasks — Kafka Streams' restore
 * phase. A partition with nothing to read costs no consumer.
 *
 * Call it only after the task's producer fenced the previous owner: then no transaction is open
 * on these partitions and the high watermark is their stable end.
 * kafkajs has no manual partition assignment, so a throw-away consumer group subscribes to the
 * changelog topics, seeks each wanted partition to its first offset when it joins, and pauses
 * the partitions it does not need.
 *
 * @param offsets every requested partition's offsets (see {@link fetchChangelogOffsets})
 * @param deadlineMs give up after this long (ms)
 * @param onProgress called after every batch of records applied
 * @returns the number of records read
 * @throws when the deadline passes before every partition reached its end
 */
export async function restoreChangelogs(
  kafka: Kafka,
  groupPrefix: string,
  requests: readonly RestoreRequest[],
  offsets: ReadonlyMap<string, ChangelogOffsets>,
  logger: Logger,
  deadlineMs = 300000,
  onProgress?: () => void,
): Promise<number> {
  const ends = new Map<string, number>();
  const starts = new Map<string, number>();
  for (const r of requests) {
    const { low, high } = offsetsOf(offsets, r.topic, r.partition);
    const from = Math.max(low, r.fromOffset ?? low);
    if (high > from) {
      ends.set(keyOf(r.topic, r.partition), high);
      if (from > low) starts.set(keyOf(r.topic, r.partition), from);
    }
  }
  const pending = new Map(requests.filter((r) => ends.has(keyOf(r.topic, r.partition))).map((r) => [keyOf(r.topic, r.partition), r]));
  if (pending.size === 0) return 0;

  const groupId = `${groupPrefix}-restore-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxBytes: 50 * 1024 * 1024, maxWaitTimeInMs: 100 });
  let applied = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`changelog restore did not finish within ${deadlineMs} ms (${[...pending.keys()].join(', ')} left)`)), deadlineMs);
    const progress = (topic: string, partition: number, lastOffset: string) => {
      const k = keyOf(topic, partition);
      if (pending.has(k) && Number(lastOffset) >= ends.get(k)! - 1) {
        pending.delete(k);
        consumer.pause([{ topic, partitions: [partition] }]);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    // GROUP_JOIN comes before the first fetch of an assignment (also after a re-join), so the
    // seeks apply to it; a partition without a seek starts at its beginning.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const [k, r] of pending) {
        const from = starts.get(k);
        if (from !== undefined) consumer.seek({ topic: r.topic, partition: r.partition, offset: String(from) });
      }
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => progress(e.payload.topic, e.payload.partition, e.payload.lastOffset));
    consumer.on(consumer.events.CRASH, (e) => {
      clearTimeout(timer);
      reject(new Error(`changelog restore consumer crashed: ${e.payload.error.message}`, { cause: e.payload.error }));
    });
    void consumer
      .connect()
      .then(() => consumer.subscribe({ topics: [...new Set([...pending.values()].map((r) => r.topic))], fromBeginning: true }))
      .then(() =>
        consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const req = pending.get(keyOf(batch.topic, batch.partition));
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
