import { dlqTopic, encodeHashtagsTop, InternalTopics, isoTime, Topics } from '@sluice/contracts';
import { HASHTAGS_TOP_OPERATOR, HashtagsTop, hashtagsTopFromCountsJob, HashtagsTopOptions } from '../jobs/hashtags-top.job';
import { pipelineTaskFactory } from './pipeline-task';
import { decodeBatchCount } from './text-lines.task';
import { TaskFactory, TopicRequirement } from './topology';
import { TopologyContext } from './word-counts.topology';

/** Settings of the `hashtags-top` job. */
export type HashtagsTopTopologyOptions = TopologyContext & Required<Pick<HashtagsTopOptions, 'batchIntervalMs' | 'windowLengthMs' | 'slideMs' | 'topN'>>;

/**
 * The repartition topic of per-batch hashtag counts. It has **one partition**: a top-N ranking is
 * a global aggregate, so every tag must meet in one task (Kafka Streams does the same for a
 * global `groupBy`). The load is small: the `text-lines` tasks send one record per distinct tag
 * per batch, not one per occurrence.
 */
export function hashtagsRepartitionTopic(applicationId: string): string {
  return InternalTopics.repartition(applicationId, HASHTAGS_TOP_OPERATOR);
}

/**
 * `hashtags-top` on the hashtags repartition topic (fed by the shared `text-lines` task): tag
 * counts per sliding window, ranked, top N → one record per window on `hashtags-top`.
 */
export function hashtagsTopFactory(o: HashtagsTopTopologyOptions): TaskFactory {
  return pipelineTaskFactory({
    ...o,
    topic: hashtagsRepartitionTopic(o.applicationId),
    trigger: 'internal',
    build: () => hashtagsTopFromCountsJob(o).build(),
    decode: decodeBatchCount,
    encode: encodeTop,
  });
}

function encodeTop(t: HashtagsTop) {
  return { topic: Topics.hashtagsTop, ...encodeHashtagsTop({ windowStart: isoTime(t.windowStart), windowEnd: isoTime(t.windowEnd), top: t.top }) };
}

/** The single-partition shuffle, its DLQ and the output topic (changelogs: see `buildTopology`). */
export function hashtagsTopTopics(applicationId: string): TopicRequirement[] {
  const shuffle = hashtagsRepartitionTopic(applicationId);
  return [
    { name: shuffle, cleanupPolicy: 'delete', partitions: 1 },
    { name: dlqTopic(shuffle), cleanupPolicy: 'delete' },
    { name: Topics.hashtagsTop, cleanupPolicy: 'delete' },
  ];
}
