import { InternalTopics } from '@sluice/contracts';
import { mergeFactoriesByTopic, TaskFactory, Topology, TopicRequirement } from '@sluice/streaming';
import type { JobContext, JobDefinition } from './job-definition';
import type { ProcessorJobsConfig } from './processor-jobs.config';
import { JOB_REGISTRY } from './registry';

/** What {@link buildTopology} needs beyond the processor's configuration. */
export interface TopologyEnvironment {
  /** Largest accepted input record (bytes): `KAFKA_MAX_RECORD_BYTES`. */
  maxRecordBytes: number;
  /** Largest lead (ms) of an event time over the wall clock: `MAX_EVENT_TIME_SKEW_MS`. */
  maxEventTimeSkewMs: number;
  /** Service name written in DLQ headers. Default `processor`. */
  service?: string;
  now?: () => number;
}

/**
 * Builds the processor topology from the registry and the configuration — a pure function,
 * testable without Kafka.
 *
 * Each job in `JOBS` (registry order) compiles its streams; sub-topologies feeding the same
 * repartition topic are one (the words shuffle `word-counts` and `word-counts-windowed` share runs
 * once), and every task factory of one topic is merged into one task per partition
 * (`mergeFactoriesByTopic`), so a topic is consumed once and committed in one transaction. Topics:
 * each job's sources, shuffles, DLQs and outputs (with their contracts' cleanup policy), and a
 * compacted changelog per store, named from its stable name.
 *
 * @throws PipelineDefinitionError when a window does not fit the batch interval (the config
 *   section already refuses those with the variable names)
 */
export function buildTopology(config: ProcessorJobsConfig, env: TopologyEnvironment, registry: readonly JobDefinition<unknown>[] = JOB_REGISTRY): Topology {
  const applicationId = config.runtime.groupId;
  const now = env.now ?? Date.now;
  const ctx: JobContext = {
    applicationId,
    batchIntervalMs: config.runtime.batchIntervalMs,
    maxRecordBytes: env.maxRecordBytes,
    eventTimes: { maxSkewMs: env.maxEventTimeSkewMs, now },
    service: env.service ?? 'processor',
    now,
  };
  const selected = new Set<string>(config.jobs);
  const factories: TaskFactory[] = [];
  const topics: TopicRequirement[] = [];
  const fed = new Set<string>();
  for (const job of registry as readonly JobDefinition<unknown>[]) {
    if (!selected.has(job.name)) continue;
    for (const stream of job.compile(ctx, (config.settings as Record<string, unknown>)[job.name])) {
      for (const { factory, feeds } of stream.segments) {
        if (feeds !== undefined && fed.has(feeds)) continue;
        if (feeds !== undefined) fed.add(feeds);
        factories.push(factory);
      }
      topics.push(...stream.topics);
    }
    topics.push(...job.outputs.map((o) => ({ name: o.topic, cleanupPolicy: o.cleanup ?? 'delete' })));
  }
  for (const f of factories) for (const store of f.storeNames) topics.push({ name: InternalTopics.changelog(applicationId, store), cleanupPolicy: 'compact' });
  return { applicationId, factories: mergeFactoriesByTopic(factories), topics: dedupeTopics(topics) };
}

function dedupeTopics(topics: readonly TopicRequirement[]): TopicRequirement[] {
  const byName = new Map<string, TopicRequirement>();
  for (const t of topics) if (!byName.has(t.name)) byName.set(t.name, t);
  return [...byName.values()];
}
