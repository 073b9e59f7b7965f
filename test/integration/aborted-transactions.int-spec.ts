import { resetTopics, testKafka, waitFor } from '@sluice/testing';

/**
 * read_committed on a partition where two producers' aborted transactions interleave — what a
 * repartition topic holds after a processor holding several stage-1 tasks is killed mid-batch.
 * A consumer that starts inside those transactions (a new owner seeking to the committed offset)
 * must see none of their records.
 */
describe('read_committed with interleaved aborted transactions', () => {
  const kafka = testKafka('aborted-txns');
  const run = Date.now().toString(36);
  const topic = `it-aborted-txns-${run}`;

  beforeAll(async () => {
    await resetTopics(kafka, [topic], 1);
  });

  it('delivers only committed records to a consumer starting inside the aborted transactions', async () => {
    const producer = (id: string) => kafka.producer({ transactionalId: `${topic}-${id}`, idempotent: true, maxInFlightRequests: 1 });
    const [p1, p2, p3] = [producer('p1'), producer('p2'), producer('p3')];
    await Promise.all([p1.connect(), p2.connect(), p3.connect()]);
    try {
      const t1 = await p1.transaction();
      const t2 = await p2.transaction();
      // offsets 0..3: a1 (p1), b1 (p2), b2 (p2), a2 (p1); then both abort (markers at 4 and 5)
      await t1.send({ topic, messages: [{ key: 'a', value: 'a1' }] });
      await t2.send({ topic, messages: [{ key: 'b', value: 'b1' }] });
      await t2.send({ topic, messages: [{ key: 'b', value: 'b2' }] });
      await t1.send({ topic, messages: [{ key: 'a', value: 'a2' }] });
      await t1.abort();
      await t2.abort();
      const t3 = await p3.transaction();
      await t3.send({ topic, messages: [{ key: 'c', value: 'c1' }] });
      await t3.commit();
    } finally {
      await Promise.all([p1.disconnect(), p2.disconnect(), p3.disconnect()]);
    }

    for (const start of [0, 1, 2, 3]) {
      const groupId = `${topic}-from-${start}`;
      const admin = kafka.admin();
      await admin.connect();
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(start) }] });
      await admin.disconnect();
      const seen: string[] = [];
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic] });
        await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
        await waitFor(`the committed record, reading from offset ${start}`, () => (seen.includes('c1') ? true : undefined), { timeoutMs: 30000 });
      } finally {
        await consumer.disconnect();
      }
      expect({ start, seen }).toEqual({ start, seen: ['c1'] });
    }
  });
});
