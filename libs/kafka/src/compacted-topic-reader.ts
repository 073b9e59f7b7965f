import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

/**
 * Reads every committed record of a topic, read_committed, from the beginning of each partition
 * up to the end offsets found at the start, with a throw-away consumer group that commits nothing,
 * calling `each` per record. The end is recognised from kafkajs' batch events, which also count
 * transaction markers and aborted records, so a topic written in transactions is read to its end.
 * @throws Error when the end is not reached within `timeoutMs` (an open transaction of another
 *   producer holds the last stable offset back, or the broker does not answer)
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, timeoutMs: number, each: (message: KafkaMessage, partition: number) => void): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  const next = new Map<number, bigint>([...ends.keys()].map((p) => [p, 0n]));
  const reached = () => [...ends].every(([p, end]) => (next.get(p) ?? 0n) >= end);
  if (reached()) return;
  const consumer = kafka.consumer({ groupId: `sluice-checkpoint-reader-${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 100 });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    next.set(payload.partition, BigInt(payload.lastOffset) + 1n);
    if (reached()) done();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        // Records past the end found at the start are a later writer's: not part of the answer.
        if (BigInt(message.offset) < (ends.get(partition) ?? 0n)) each(message, partition);
      },
    });
    await Promise.race([
      finished,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`reading ${topic} to its end took longer than ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined); // the answer is known; a failed leave only delays the group's expiry
  }
}

/**
 * The latest committed value of each key of a (compacted) topic that `keep` accepts, read to the
 * end (see {@link readTopicToEnd}).
 * @returns the values by key (null = tombstone); a key never written is absent
 * @throws Error when the end is not reached within `timeoutMs`
 */
export async function readLatestValues(kafka: Kafka, topic: string, timeoutMs: number, keep: (key: string) => boolean = () => true): Promise<Map<string, Buffer | null>> {
  const latest = new Map<string, Buffer | null>();
  await readTopicToEnd(kafka, topic, timeoutMs, (message) => {
    const key = message.key?.toString('utf8');
    if (key !== undefined && keep(key)) latest.set(key, message.value);
  });
  return latest;
}

/**
 * The latest committed value of `key` in a (compacted) topic (see {@link readLatestValues}).
 * @returns the value (null = tombstone), or undefined when the key was never written
 * @throws Error when the end is not reached within `timeoutMs`
 */
export async function readLatestValue(kafka: Kafka, topic: string, key: string, timeoutMs: number): Promise<Buffer | null | undefined> {
  return (await readLatestValues(kafka, topic, timeoutMs, (k) => k === key)).get(key);
}
