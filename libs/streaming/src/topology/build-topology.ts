import type { JobName, LateRecordPolicy, TokenizerName } from '@sluice/config';
import { tokenizerFor } from '../text/tokenizer';
import { mergeFactoriesByTopic } from './composite-task';
import { hashtagsRepartitionTopic, hashtagsTopFactory, hashtagsTopTopics } from './hashtags-top.topology';
import { sensorExtremesFactories, sensorExtremesTopics } from './sensor-extremes.topology';
import { signalStatsFactories, signalStatsTopics } from './signal-stats.topology';
import { TaskFactory, Topology, TopicRequirement } from './topology';
import { runningTotalFactory, textLinesFactory, textTopics, TopologyContext } from './word-counts.topology';
import { wordCountsWindowedFactory, wordCountsWindowedTopics } from './word-counts-windowed.topology';
import { InternalTopics, Topics } from '@sluice/contracts';

/** The processor settings a topology is built from (`ProcessorConfig` fits). */
export interface TopologyOptions {
  applicationId: string;
  jobs: readonly JobName[];
  tokenizer: TokenizerName;
  maxRecordBytes: number;
  /** Largest lead (ms) of an event time over the wall clock (`MAX_EVENT_TIME_SKEW_MS`). */
  maxEventTimeSkewMs: number;
  batchIntervalMs: number;
  wordWindowLengthMs: number;
  wordWindowSlideMs: number;
  hashtagWindowLengthMs: number;
  hashtagWindowSlideMs: number;
  hashtagTopN: number;
  signalWindowSizeMs: number;
  /** 0 = tumbling (advance = size). */
  signalWindowAdvanceMs: number;
  signalAllowedLatenessMs: number;
  signalEmitEarly: boolean;
  lateRecords: LateRecordPolicy;
  sensorIdleTimeoutMs: number;
  service?: string;
  now?: () => number;
}

/**
 * Builds the processor topology from configuration — a pure function, testable without Kafka.
 *
 * The text jobs share one `text-lines` task that counts words and/or hashtags per batch and
 * forwards them to repartition topics; `word-counts` and `word-counts-windowed` share the words
 * shuffle (one task per partition runs both). `signal-stats` and `sensor-extremes` re-key their
 * own source topics. Every factory of one topic is merged into one task per partition.
 *
 * @throws PipelineDefinitionError when a window does not fit the batch interval (the config
 *   section already refuses those with the variable names)
 */
export function buildTopology(o: TopologyOptions): Topology {
  const now = o.now ?? Date.now;
  const eventTimes = { maxSkewMs: o.maxEventTimeSkewMs, now };
  const ctx: TopologyContext = { applicationId: o.applicationId, maxRecordBytes: o.maxRecordBytes, service: o.service ?? 'processor', now, eventTimes };
  const jobs = new Set(o.jobs);
  const factories: TaskFactory[] = [];
  const topics: TopicRequirement[] = [];
  const words = jobs.has('word-counts') || jobs.has('word-counts-windowed');
  const hashtags = jobs.has('hashtags-top');
  if (words || hashtags) {
    factories.push(textLinesFactory({ ...ctx, tokenizer: tokenizerFor(o.tokenizer) }, { words, hashtags, hashtagsTopic: hashtagsRepartitionTopic(o.applicationId) }));
    topics.push(...textTopics(o.applicationId));
  }
  if (jobs.has('word-counts')) {
    factories.push(runningTotalFactory(ctx));
    topics.push({ name: Topics.wordCounts, cleanupPolicy: 'delete' });
  }
  if (jobs.has('word-counts-windowed')) {
    const w = { ...ctx, batchIntervalMs: o.batchIntervalMs, windowLengthMs: o.wordWindowLengthMs, slideMs: o.wordWindowSlideMs };
    factories.push(wordCountsWindowedFactory(w));
    topics.push(...wordCountsWindowedTopics());
  }
  if (hashtags) {
    const h = { ...ctx, batchIntervalMs: o.batchIntervalMs, windowLengthMs: o.hashtagWindowLengthMs, slideMs: o.hashtagWindowSlideMs, topN: o.hashtagTopN };
    factories.push(hashtagsTopFactory(h));
    topics.push(...hashtagsTopTopics(o.applicationId));
  }
  if (jobs.has('signal-stats')) {
    const s = {
      ...ctx,
      batchIntervalMs: o.batchIntervalMs,
      windowSizeMs: o.signalWindowSizeMs,
      advanceMs: o.signalWindowAdvanceMs || o.signalWindowSizeMs,
      allowedLatenessMs: o.signalAllowedLatenessMs,
      emitEarly: o.signalEmitEarly,
      late: o.lateRecords,
    };
    factories.push(...signalStatsFactories(s));
    topics.push(...signalStatsTopics(o.applicationId));
  }
  if (jobs.has('sensor-extremes')) {
    const s = { ...ctx, batchIntervalMs: o.batchIntervalMs, idleTimeoutMs: o.sensorIdleTimeoutMs };
    factories.push(...sensorExtremesFactories(s));
    topics.push(...sensorExtremesTopics(o.applicationId));
  }
  // Every store has a compacted changelog named from its stable name, whichever job declared it.
  for (const f of factories) for (const store of f.storeNames) topics.push({ name: InternalTopics.changelog(o.applicationId, store), cleanupPolicy: 'compact' });
  return { applicationId: o.applicationId, factories: mergeFactoriesByTopic(factories), topics: dedupeTopics(topics) };
}

function dedupeTopics(topics: readonly TopicRequirement[]): TopicRequirement[] {
  const byName = new Map<string, TopicRequirement>();
  for (const t of topics) if (!byName.has(t.name)) byName.set(t.name, t);
  return [...byName.values()];
}
