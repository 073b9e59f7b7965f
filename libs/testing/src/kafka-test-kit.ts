import { DEFAULT_MAX_EVENT_TIME_SKEW_MS, dlqTopic, Topics } from '@sluice/contracts';
import { createKafkaClient, ensureTopics, headersToRecord, Kafka, readTopicToEnd, RecordProducer } from '@sluice/kafka';
import { createLogger } from '@sluice/observability';
import { waitFor } from './wait-for';
import { TEST_BROKERS } from './test-endpoints';

/** A kafkajs client for tests, through the project's Kafka library. */
export function testKafka(name = 'test'): Kafka {
  return createKafkaClient(
    { brokers: [TEST_BROKERS], partitions: 6, replicationFactor: 1, maxRecordBytes: 1048576, maxEventTimeSkewMs: DEFAULT_MAX_EVENT_TIME_SKEW_MS, clientIdPrefix: 'sluice-test', security: {} },
    name,
    createLogger('test', 'error'),
  );
}

/**
 * Deletes every existing topic whose name `select` accepts and waits until the broker no longer
 * lists them. @returns the names deleted. @throws when Kafka cannot be reached or a topic stays
 */
export async function deleteTopics(kafka: Kafka, select: (name: string) => boolean): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const present = (await admin.listTopics()).filter(select);
    if (present.length) {
      await admin.deleteTopics({ topics: present, timeout: 30000 });
      await waitFor('topics deleted', async () => {
        const now = new Set(await admin.listTopics());
        return present.every((t) => !now.has(t)) ? true : undefined;
      });
    }
    return present;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Deletes topics (when present) and creates them again empty with `partitions`, so a test starts
 * from a clean contract topic. Waits until the broker reports the new topics with leaders.
 */
export async function resetTopics(kafka: Kafka, topics: readonly string[], partitions = 6): Promise<void> {
  await deleteTopics(kafka, (name) => topics.includes(name));
  await ensureTopics(kafka, topics.map((name) => ({ name, partitions, replicationFactor: 1 })));
}

/**
 * Every contract topic (sources and results) with its DLQ: what an end-to-end test resets so its
 * writers, which read every result topic from the beginning, start from nothing left by other tests.
 */
export const CONTRACT_TOPICS: readonly string[] = Object.values(Topics).flatMap((t) => [t, dlqTopic(t)]);

/** Publishes lines to a topic without keys, `chunk` records per request. */
export async function produceLines(producer: RecordProducer, topic: string, lines: readonly string[], chunk = 1000): Promise<void> {
  for (let i = 0; i < lines.length; i += chunk) {
    await producer.send(topic, lines.slice(i, i + chunk).map((l) => ({ value: l })));
  }
}

/**
 * Records ever written to a topic: the sum of its partitions' high watermarks (transaction
 * markers included; records deleted by retention still count).
 */
export async function recordsWritten(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Reads every record of a topic from the beginning until `count` arrived (fresh group). */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 60000) {
  const consumer = kafka.consumer({ groupId: `sluice-test-read-${topic}-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
  const seen: Array<{ key: string | null; value: Buffer | null; headers: Record<string, string>; partition: number }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        seen.push({ key: message.key?.toString('utf8') ?? null, value: message.value, headers, partition });
      },
    });
    await waitFor(`${count} records on ${topic}`, () => (seen.length >= count ? true : undefined), { timeoutMs });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/** A committed record as a test reads it back: key and value as text, headers flattened. */
export interface CommittedRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Every committed record of a topic (read_committed) up to its last stable offset when a read
 * starts: records of aborted transactions are not there. A writer's commit returns once the
 * transaction coordinator has logged it; the commit markers reach the partitions a moment later
 * (Kafka writes them asynchronously), and until then those partitions' last stable offset stays
 * before the transaction. So a read right after another process committed can come up short: give
 * `atLeast` (the count the test expects) and the read is repeated until it holds that many. A
 * duplicate only makes the count larger, so the caller's exact assertion still catches it.
 * @param options.atLeast records to wait for (default 0: one read)
 * @param options.timeoutMs deadline for all reads (ms, default 60000)
 * @throws Error after `timeoutMs` (an open transaction holds the end back, or fewer than `atLeast` records came)
 */
export async function readCommitted(kafka: Kafka, topic: string, options: { atLeast?: number; timeoutMs?: number } = {}): Promise<CommittedRecord[]> {
  const { atLeast = 0, timeoutMs = 60000 } = options;
  const deadline = Date.now() + timeoutMs;
  const readOnce = async () => {
    const out: CommittedRecord[] = [];
    await readTopicToEnd(kafka, topic, Math.max(1, deadline - Date.now()), (m, partition) =>
      out.push({ key: m.key?.toString('utf8') ?? null, value: m.value?.toString('utf8') ?? null, headers: headersToRecord(m.headers), partition, offset: m.offset }),
    );
    return out;
  };
  return waitFor(`${atLeast} committed records in ${topic}`, async () => {
    const records = await readOnce();
    if (records.length < atLeast) throw new Error(`${records.length} of ${atLeast} read`); // waitFor keeps it as the last error
    return records;
  }, { timeoutMs: Math.max(1, deadline - Date.now()), intervalMs: 200 });
}
