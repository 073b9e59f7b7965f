import Redis from 'ioredis';
import { Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { countWords, wordsTokenizer } from '@sluice/streaming';
import { countDiff, produceLines, quijoteLines, readRedisWordCounts, resetTopics, ServiceProcess, testKafka, waitFor, testRedisUrl } from '@sluice/testing';

/**
 * Exactly-once across a crash and a rescale: 60,000 lines are fed while the only processor is
 * killed with SIGKILL mid-feed; two new instances take over (splitting the partitions), and the
 * Redis totals must equal the ground truth exactly — no line lost, none counted twice.
 */
describe('processor exactly-once across SIGKILL and rescaling', () => {
  const kafka = testKafka('crash-test');
  const run = Date.now().toString(36);
  const groupId = `it-crash-${run}`;
  const redisDb = 3;
  const redis = new Redis(testRedisUrl(redisDb));
  const services: ServiceProcess[] = [];
  let producer: RecordProducer;

  const processorEnv = { PROCESSOR_GROUP_ID: groupId, BATCH_INTERVAL_MS: '250', JOBS: 'word-counts' };
  const startProcessor = (name: string) => {
    const p = new ServiceProcess('processor', `${groupId}-${name}`, processorEnv);
    services.push(p);
    return p.start();
  };

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    await redis.flushdb();
    producer = await RecordProducer.connect(kafka);
    const writer = new ServiceProcess('redis-writer', `${groupId}-redis-writer`, { REDIS_URL: testRedisUrl(redisDb), WRITER_TOPICS: 'word-counts', WRITER_GROUP_ID: `${groupId}-redis` });
    services.push(writer);
    await writer.start();
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    redis.disconnect();
  });

  it('ends with Redis totals equal to the ground truth', async () => {
    const lines = quijoteLines(60000);
    const truth = countWords(lines, wordsTokenizer);
    const first = await startProcessor('a');

    const firstHalf = lines.slice(0, 30000);
    await produceLines(producer, Topics.textLines, firstHalf.slice(0, 15000));
    // Kill while the processor is mid-stream: some totals are visible, more lines are in flight.
    await waitFor('first totals in Redis', async () => ((await redis.dbsize()) > 100 ? true : undefined));
    await produceLines(producer, Topics.textLines, firstHalf.slice(15000));
    expect(await first.kill()).toBeNull();

    await produceLines(producer, Topics.textLines, lines.slice(30000, 45000));
    const [b, c] = await Promise.all([startProcessor('b'), startProcessor('c')]);
    await produceLines(producer, Topics.textLines, lines.slice(45000));

    const admin = kafka.admin();
    await admin.connect();
    const members = await waitFor('two processor members sharing the partitions', async () => {
      const { groups } = await admin.describeGroups([groupId]);
      const g = groups[0];
      return g.state === 'Stable' && g.members.length === 2 ? g.members : undefined;
    });
    await admin.disconnect();
    expect(members).toHaveLength(2);
    expect(b.port).not.toBe(c.port);

    let last = new Map<string, number>();
    try {
      await waitFor(
        'Redis totals equal to the ground truth',
        async () => {
          last = await readRedisWordCounts(redis);
          return countDiff(truth, last).length === 0 ? true : undefined;
        },
        { timeoutMs: 180000, intervalMs: 1000 },
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${countDiff(truth, last).join('\n')}`);
    }
    expect(last.size).toBe(truth.size);
    expect(last.get('quijote')).toBe(truth.get('quijote'));
  });
});
