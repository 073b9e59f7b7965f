import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import { CleanupPolicy, RESULT_TOPIC_CLEANUP } from '@sluice/contracts';
import { permanentConnectionError, permanentTopicError } from './topic-errors';

/** A topic a service needs; `partitions` and `replicationFactor` come from configuration. */
export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Default Kafka's (`delete`). A result topic always gets its contract's policy ({@link RESULT_TOPIC_CLEANUP}). */
  cleanupPolicy?: CleanupPolicy;
}

/** The policy a topic is created with: the contract's for a result topic, else the spec's. */
const policyOf = (s: TopicSpec): CleanupPolicy | undefined => RESULT_TOPIC_CLEANUP[s.name] ?? s.cleanupPolicy;

/** How long {@link ensureTopics} keeps trying by default: 60 000 ms. */
export const ENSURE_TOPICS_TIMEOUT_MS = 60_000;

/**
 * Creates the topics that do not exist yet (existing ones keep their partition count), sets a
 * compacting `cleanup.policy` on an existing topic asked for with one but created with another (a
 * result topic created before result topics were compacted, or first by a writer that does not
 * know its policy), then waits until every partition of every listed topic has a leader.
 * Safe to call from several services at once: a topic another service created first is not an error.
 *
 * Transient broker answers are retried with backoff (100 ms doubling to 2 000 ms) until
 * `timeoutMs`: on a freshly started KRaft broker a topic just created can be unknown to the
 * metadata cache for a moment (UNKNOWN_TOPIC_OR_PARTITION), which kafkajs' own
 * `createTopics({ waitForLeaders })` does not retry; and a leader named in the metadata can still
 * answer NOT_LEADER_OR_FOLLOWER for a moment, which kafkajs' `admin.fetchTopicOffsets` does not
 * retry either (seen in CI: the console exited at start-up reading the Data topics' end offsets).
 *
 * @param timeoutMs total time allowed, ms (default {@link ENSURE_TOPICS_TIMEOUT_MS})
 * @throws at once when the broker refuses the credentials or its certificate is not trusted (see
 *   {@link permanentConnectionError}), or refuses a creation for good (see {@link permanentTopicError},
 *   e.g. a replication factor above the broker count); after `timeoutMs` when the broker cannot be
 *   reached or some partition still has no leader, naming the last error
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
  timeoutMs: number = ENSURE_TOPICS_TIMEOUT_MS,
): Promise<void> {
  const unique = new Map(specs.map((s) => [s.name, s]));
  if (unique.size === 0) return;
  const deadline = Date.now() + timeoutMs;
  const admin = kafka.admin();
  let lastError: unknown;
  try {
    for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 2_000)) {
      try {
        await admin.connect();
        const present = new Set(await admin.listTopics());
        const missing = [...unique.values()].filter((s) => !present.has(s.name));
        if (missing.length > 0) await createTopics(admin, missing);
        await alignCleanupPolicies(admin, [...unique.values()].filter((s) => present.has(s.name) && policyOf(s)?.startsWith('compact')));
        if (await leadersElected(admin, [...unique.keys()])) {
          await leadersServe(admin, [...unique.keys()]);
          return;
        }
        lastError = new Error('some partitions have no leader yet');
      } catch (e) {
        const refused = permanentConnectionError(e);
        if (refused) throw new Error(`could not connect to Kafka: ${refused}`, { cause: e });
        const permanent = permanentTopicError(e);
        if (permanent) throw new Error(`could not create topics: ${permanent}`, { cause: e });
        lastError = e;
      }
      if (Date.now() + delayMs > deadline) {
        const reason = lastError instanceof Error ? lastError.message : String(lastError);
        throw new Error(`topics not ready within ${timeoutMs} ms (${[...unique.keys()].join(', ')}): ${reason}`, {
          cause: lastError,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  } finally {
    await admin.disconnect();
  }
}

async function createTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  await admin.createTopics({
    // Leaders are awaited by leadersElected, which also retries an unknown topic.
    waitForLeaders: false,
    timeout: 30_000,
    topics: specs.map((s) => ({
      topic: s.name,
      numPartitions: s.partitions,
      replicationFactor: s.replicationFactor,
      configEntries: policyOf(s) ? [{ name: 'cleanup.policy', value: policyOf(s)! }] : [],
    })),
  });
}

/**
 * Sets `cleanup.policy` where an existing topic has another one. Kafka's AlterConfigs (what kafkajs
 * sends) replaces the topic's dynamic configuration as a whole, so the topic's other dynamic
 * settings are read and sent back with it.
 */
async function alignCleanupPolicies(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const described = await admin.describeConfigs({ includeSynonyms: false, resources: specs.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.name })) });
  const resources = [];
  for (const r of described.resources) {
    const wanted = policyOf(specs.find((s) => s.name === r.resourceName)!)!;
    const current = r.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue;
    if (current === wanted) continue;
    const dynamic = r.configEntries.filter((e) => !e.isDefault && !e.readOnly && e.configName !== 'cleanup.policy' && !e.isSensitive);
    resources.push({ type: ConfigResourceTypes.TOPIC, name: r.resourceName, configEntries: [...dynamic.map((e) => ({ name: e.configName, value: e.configValue })), { name: 'cleanup.policy', value: wanted }] });
  }
  if (resources.length > 0) await admin.alterConfigs({ validateOnly: false, resources });
}

/** True when the broker's metadata lists every topic with a leader for each partition. */
async function leadersElected(admin: Admin, topics: readonly string[]): Promise<boolean> {
  const md = await admin.fetchTopicMetadata({ topics: [...topics] });
  return (
    md.topics.length === topics.length &&
    md.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.partitionErrorCode === 0 && p.leader >= 0))
  );
}

/**
 * Reads every topic's offsets once (ListOffsets to each partition's leader), so a caller's own
 * offset reads after {@link ensureTopics} find every leader serving.
 * @throws the broker's answer (e.g. NOT_LEADER_OR_FOLLOWER, retriable) for the caller's retry loop
 */
async function leadersServe(admin: Admin, topics: readonly string[]): Promise<void> {
  for (const topic of topics) await admin.fetchTopicOffsets(topic);
}

/** Partition count of each topic (from broker metadata). */
export async function partitionCounts(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: [...topics] });
    return new Map(md.topics.map((t) => [t.name, t.partitions.length]));
  } finally {
    await admin.disconnect();
  }
}
