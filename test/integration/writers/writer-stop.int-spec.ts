import { MongoClient } from 'mongodb';
import { Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { readMongoWordCounts, resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

/**
 * A writer stopped in the middle of a large fetched batch commits what it wrote (in slices of
 * WRITER_BATCH_SIZE) instead of finishing the batch first, and the next instance goes on from
 * there without losing a record. The Mongo writer on the stand-in is the slowest store,
 * so the stop reliably lands mid-batch.
 */
describe('writer stopped mid-batch', () => {
  const kafka = testKafka('it-writer-stop');
  const run = Date.now().toString(36);
  const database = `it_writer_stop_${run}`;
  const groupId = `it-writer-stop-${run}`;
  const total = 20_000;
  const word = (i: number) => `s${i}`;
  let producer: RecordProducer;

  const writer = (name: string, batchSize: number) =>
    new ServiceProcess('mongo-writer', `it-writer-stop-${name}-${run}`, {
      MONGO_DATABASE: database,
      WRITER_TOPICS: Topics.wordCounts,
      WRITER_GROUP_ID: groupId,
      WRITER_BATCH_SIZE: String(batchSize),
    });

  beforeAll(async () => {
    // One partition: record i sits at offset i, so a committed offset names the words it covers.
    await resetTopics(kafka, [Topics.wordCounts, dlqTopic(Topics.wordCounts)], 1);
    producer = await RecordProducer.connect(kafka);
    for (let from = 0; from < total; from += 5_000) {
      const records = Array.from({ length: 5_000 }, (_, k) => from + k).map((i) => ({
        key: word(i),
        value: JSON.stringify({ word: word(i), count: i + 1, updatedAt: new Date().toISOString() }),
      }));
      await producer.send(Topics.wordCounts, records);
    }
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  it('commits the prefix it wrote on SIGTERM, and a new instance completes the rest', async () => {
    const first = writer('a', 50);
    await first.start();
    const mongo = new MongoClient('mongodb://127.0.0.1:27017');
    await mongo.connect();
    try {
      await waitFor('the first rows in MongoDB', async () => ((await mongo.db(database).collection('words').countDocuments()) > 0 ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 50,
      });
    } finally {
      await mongo.close();
    }
    await first.stop(); // SIGTERM: the shutdown hook stops the consumer

    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [Topics.wordCounts] });
    await admin.disconnect();
    const committed = Number(offsets.partitions.find((p) => p.partition === 0)?.offset ?? -1);
    const stored = await readMongoWordCounts(database);
    // Stopped early: part of the single fetched batch is left for the next instance...
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(total);
    // ...and everything before the committed offset is in the store (no commit without a write).
    const missing = Array.from({ length: committed }, (_, i) => i).filter((i) => stored.get(word(i)) !== i + 1);
    expect(missing).toEqual([]);

    const second = writer('b', 10_000);
    await second.start();
    try {
      await waitFor('every word in MongoDB', async () => ((await readMongoWordCounts(database)).size === total ? true : undefined), {
        timeoutMs: 120_000,
        intervalMs: 1_000,
      });
      const final = await readMongoWordCounts(database);
      expect(Array.from({ length: total }, (_, i) => i).filter((i) => final.get(word(i)) !== i + 1)).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
