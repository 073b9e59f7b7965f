import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { dlqTopic, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { readRedisWordCounts, REPO_ROOT, resetTopics, testKafka, testRedisUrl } from '@sluice/testing';

const run = promisify(execFile);

/**
 * `npm run rebuild -- redis` (issue #10 part 3): a wiped Redis, or a writer added later, is
 * rebuilt from the compacted `word-counts` topic; after the topic was deleted and created again
 * (offsets, hence versions, restart at 0) a plain replay is not enough and `--wipe` is.
 * Runs the real script: it stops and starts the redis-writer service through scripts/services
 * (port 3102), so no other redis-writer of `npm run up` may be running here.
 */
describe('npm run rebuild', () => {
  const kafka = testKafka('it-rebuild');
  const id = Date.now().toString(36);
  const redisUrl = testRedisUrl(11);
  const env = { ...process.env, REDIS_URL: redisUrl, WRITER_GROUP_ID: `it-rebuild-${id}`, WRITER_TOPICS: Topics.wordCounts, LOG_LEVEL: 'info' };
  const redis = new Redis(redisUrl);
  let producer: RecordProducer;

  const rebuild = (...args: string[]) => run('npx', ['tsx', path.join(REPO_ROOT, 'scripts/rebuild/rebuild.ts'), 'redis', ...args], { cwd: REPO_ROOT, env, timeout: 240_000 });
  const stopWriter = () => run('bash', [path.join(REPO_ROOT, 'scripts/services/down.sh'), 'redis-writer'], { cwd: REPO_ROOT, env });
  /** `rounds` updates of `words` words (counts 1..rounds); @returns the latest count per word. */
  const produce = async (words: number, rounds: number, offset = 0) => {
    const latest = new Map<string, number>();
    for (let r = 1; r <= rounds; r++) {
      const records = Array.from({ length: words }, (_, w) => ({ key: `rb${w}`, value: JSON.stringify({ word: `rb${w}`, count: r + offset, updatedAt: new Date().toISOString() }) }));
      await producer.send(Topics.wordCounts, records);
      for (let w = 0; w < words; w++) latest.set(`rb${w}`, r + offset);
    }
    return latest;
  };

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.wordCounts, dlqTopic(Topics.wordCounts)]);
    producer = await RecordProducer.connect(kafka);
    await redis.flushdb();
  });

  afterAll(async () => {
    await stopWriter().catch(() => undefined);
    await producer?.disconnect();
    redis.disconnect();
  });

  it('fills an empty store (a writer added later), then rebuilds it after it was wiped', async () => {
    const truth = await produce(300, 3);
    const first = await rebuild();
    expect(first.stderr).toMatch(/rebuild redis: done/);
    expect(await readRedisWordCounts(redis)).toEqual(truth);

    await stopWriter();
    await redis.flushdb();
    expect((await readRedisWordCounts(redis)).size).toBe(0);
    await rebuild();
    expect(await readRedisWordCounts(redis)).toEqual(truth);
  });

  it('after the topic was recreated, a replay keeps the stale values and --wipe restores the truth', async () => {
    await stopWriter();
    await resetTopics(kafka, [Topics.wordCounts]);
    // Lower offsets than before, hence lower versions: the stored totals look newer.
    const truth = await produce(300, 1, 100);
    await rebuild();
    const stale = await readRedisWordCounts(redis);
    expect(stale.get('rb0')).toBe(3);
    await rebuild('--wipe');
    expect(await readRedisWordCounts(redis)).toEqual(truth);
  });
});
