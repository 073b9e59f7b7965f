import Redis from 'ioredis';
import { dlqTopic, Topics } from '@sluice/contracts';
import { createKafkaClient, RecordProducer } from '@sluice/kafka';
import { createLogger } from '@sluice/observability';
import { countWords, tokenizerFor } from '@sluice/streaming';
import { readFileSync } from 'node:fs';
import { countDiff, produceLines, quijoteLines, readRedisWordCounts, resetTopics, ServiceProcess, stackKafkaAuth, stackRedisAuthUrl, testKafka, testRedisUrl, waitFor } from '@sluice/testing';

/**
 * The services on the authenticated paths of the native stack (issue #10 part 5): the word count
 * runs with the processor on SASL/SCRAM-SHA-512 over TLS (the stack's CA) and the Redis writer on
 * SASL/SCRAM-SHA-512, writing as Redis' ACL user `sluice`. A wrong Kafka password stops a service
 * at start-up with a message naming the variables, not after a minute of retries; a wrong Redis
 * password is a refusing store (waited out, named in the log). No log holds a password.
 */
describe('Kafka with SASL/SCRAM and TLS', () => {
  const auth = stackKafkaAuth();
  const id = Date.now().toString(36);
  const redisUrl = testRedisUrl(12);
  const redis = new Redis(redisUrl);
  const services: ServiceProcess[] = [];
  const scram = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: auth.username, KAFKA_SASL_PASSWORD: auth.password };

  beforeAll(async () => {
    await resetTopics(testKafka('it-auth'), [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    await redis.flushdb();
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    redis.disconnect();
  });

  it('counts words with every service authenticated, one of them over TLS', async () => {
    services.push(
      new ServiceProcess('processor', `it-auth-processor-${id}`, { ...scram, KAFKA_BROKERS: auth.tlsBrokers, KAFKA_SSL_CA: auth.caFile, PROCESSOR_GROUP_ID: `it-auth-${id}`, JOBS: 'word-counts', BATCH_INTERVAL_MS: '250' }),
      new ServiceProcess('redis-writer', `it-auth-redis-writer-${id}`, { ...scram, KAFKA_BROKERS: auth.scramBrokers, REDIS_URL: stackRedisAuthUrl(12), WRITER_TOPICS: Topics.wordCounts, WRITER_GROUP_ID: `it-auth-redis-${id}` }),
    );
    await Promise.all(services.map((s) => s.start()));
    const client = createKafkaClient(
      { brokers: [auth.scramBrokers], partitions: 6, replicationFactor: 1, maxRecordBytes: 1048576, maxEventTimeSkewMs: 86400000, clientIdPrefix: 'sluice-test', security: { sasl: { mechanism: 'scram-sha-512', username: auth.username, password: auth.password } } },
      'it-auth',
      createLogger('test', 'error'),
    );
    const producer = await RecordProducer.connect(client);
    const lines = quijoteLines(2000);
    try {
      await produceLines(producer, Topics.textLines, lines);
    } finally {
      await producer.disconnect();
    }
    const truth = countWords(lines, tokenizerFor('words'));
    const counts = await waitFor('every word in Redis', async () => {
      const c = await readRedisWordCounts(redis);
      return countDiff(truth, c).length === 0 ? c : undefined;
    }, { timeoutMs: 120_000 });
    expect(countDiff(truth, counts)).toEqual([]);
  });

  it('stops at start-up with a clear message when the password is wrong', async () => {
    const wrong = 'not-the-password-' + id;
    const writer = new ServiceProcess('redis-writer', `it-auth-wrong-${id}`, { ...scram, KAFKA_SASL_PASSWORD: wrong, KAFKA_BROKERS: auth.scramBrokers, REDIS_URL: redisUrl, WRITER_GROUP_ID: `it-auth-wrong-${id}` });
    const started = Date.now();
    await expect(writer.start(60_000)).rejects.toThrow(/exited with code 1/);
    expect(Date.now() - started).toBeLessThan(30_000);
    const log = writer.logTail(20);
    expect(log).toContain('Kafka refused the SASL credentials (check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)');
    expect(log).not.toContain(wrong);
  });

  it('waits on Redis refusing a wrong password, naming the refusal, never the password', async () => {
    const wrong = 'wrong-redis-password-' + id;
    const writer = new ServiceProcess('redis-writer', `it-auth-redis-wrong-${id}`, { REDIS_URL: stackRedisAuthUrl(12, wrong), WRITER_TOPICS: Topics.wordCounts, WRITER_GROUP_ID: `it-auth-redis-wrong-${id}` });
    const starting = writer.start(90_000).catch((e: Error) => e);
    try {
      await waitFor('the refusal in the log', async () => (/WRONGPASS/.test(readLog(writer.logFile)) ? true : undefined), { timeoutMs: 60_000 });
      expect(readLog(writer.logFile)).not.toContain(wrong);
    } finally {
      await writer.stop();
      await starting;
    }
  });
});

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
