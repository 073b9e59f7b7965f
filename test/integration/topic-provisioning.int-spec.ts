import { RESULT_TOPIC_CLEANUP, Topics } from '@sluice/contracts';
import { ensureTopics } from '@sluice/kafka';
import { testKafka, waitFor } from '@sluice/testing';

/**
 * Topic provisioning as every service does it at start-up: several services creating overlapping
 * sets of topics at the same moment on the real broker, as when the processor (dozens of
 * repartition and changelog topics) and the writers start together on a fresh stack.
 */
describe('ensureTopics on the real broker', () => {
  const kafka = testKafka('topic-provisioning');
  const run = Date.now().toString(36);
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  it('creates overlapping topic sets requested concurrently, each with leaders and its cleanup policy', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `it-provision-${run}-${i}`);
    const spec = (name: string, i: number) => ({
      name,
      partitions: 1 + (i % 6),
      replicationFactor: 1,
      cleanupPolicy: i % 3 === 0 ? ('compact' as const) : undefined,
    });
    const specs = names.map(spec);
    // Three callers, each with two thirds of the topics, so every topic is raced by two of them.
    await Promise.all([0, 1, 2].map((k) => ensureTopics(kafka, specs.filter((_, i) => i % 3 !== k))));

    const md = await admin.fetchTopicMetadata({ topics: names });
    const byName = new Map(md.topics.map((t) => [t.name, t]));
    for (const s of specs) {
      const t = byName.get(s.name);
      expect({ topic: s.name, partitions: t?.partitions.length }).toEqual({ topic: s.name, partitions: s.partitions });
      for (const p of t!.partitions) expect(p.leader).toBeGreaterThanOrEqual(0);
    }
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: specs.map((s) => ({ type: 2 /* TOPIC */, name: s.name, configNames: ['cleanup.policy'] })),
    });
    const policies = Object.fromEntries(configs.resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]));
    expect(policies).toEqual(Object.fromEntries(specs.map((s) => [s.name, s.cleanupPolicy ?? 'delete'])));
  });

  it('returns only when every new partition answers an offset read at once', async () => {
    // kafkajs' admin.fetchTopicOffsets does not retry NOT_LEADER_OR_FOLLOWER, which a leader named
    // in the metadata can still answer for a moment (the console exited at start-up on it in CI).
    const names = Array.from({ length: 20 }, (_, i) => `it-provision-${run}-served-${i}`);
    await ensureTopics(kafka, names.map((name) => ({ name, partitions: 12, replicationFactor: 1 })));
    const reads = await Promise.allSettled(names.map((t) => admin.fetchTopicOffsets(t)));
    const failed = reads.flatMap((r, i) => (r.status === 'rejected' ? [`${names[i]}: ${(r.reason as Error).message}`] : []));
    expect(failed).toEqual([]);
    for (const r of reads) expect(r.status === 'fulfilled' && r.value.length).toBe(12);
  });

  it('leaves an existing topic as it is, even when asked for another partition count', async () => {
    const name = `it-provision-${run}-existing`;
    await ensureTopics(kafka, [{ name, partitions: 2, replicationFactor: 1 }]);
    await ensureTopics(kafka, [{ name, partitions: 5, replicationFactor: 1 }]);
    const md = await admin.fetchTopicMetadata({ topics: [name] });
    expect(md.topics[0].partitions).toHaveLength(2);
  });

  it('creates result topics compacted, and compacts one created before, keeping its other settings', async () => {
    const topic = Topics.hashtagsTop;
    const describe = async () => {
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['cleanup.policy', 'retention.ms'] }] });
      return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
    };
    if ((await admin.listTopics()).includes(topic)) {
      await admin.deleteTopics({ topics: [topic] });
      await waitFor('topic deleted', async () => ((await admin.listTopics()).includes(topic) ? undefined : true));
    }
    await waitFor('old-style topic created', async () =>
      admin
        .createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, configEntries: [{ name: 'cleanup.policy', value: 'delete' }, { name: 'retention.ms', value: '3600000' }] }] })
        .then(() => true)
        .catch(() => undefined),
    );
    expect(await describe()).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '3600000' });
    await ensureTopics(kafka, [{ name: topic, partitions: 6, replicationFactor: 1, cleanupPolicy: 'delete' }]);
    expect(await describe()).toEqual({ 'cleanup.policy': RESULT_TOPIC_CLEANUP[topic], 'retention.ms': '3600000' });
    expect(RESULT_TOPIC_CLEANUP[Topics.wordCounts]).toBe('compact');
  });

  it('fails with the broker reason, not a timeout, when a creation can never succeed', async () => {
    const name = `it-provision-${run}-rf3`;
    await expect(ensureTopics(kafka, [{ name, partitions: 1, replicationFactor: 3 }], 120_000)).rejects.toThrow(
      /could not create topics: INVALID_REPLICATION_FACTOR/,
    );
    expect(await admin.listTopics()).not.toContain(name);
  });
});
