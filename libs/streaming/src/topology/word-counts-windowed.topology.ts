import { encodeWordWindowCount, isoTime, Topics } from '@sluice/contracts';
import { WordWindowCount, wordCountsWindowedFromCountsJob, WordCountsWindowedOptions } from '../jobs/word-counts-windowed.job';
import { pipelineTaskFactory } from './pipeline-task';
import { decodeBatchCount } from './text-lines.task';
import { TaskFactory, TopicRequirement } from './topology';
import { TopologyContext, wordsRepartitionTopic } from './word-counts.topology';

/** Settings of the `word-counts-windowed` job. */
export type WordCountsWindowedTopologyOptions = TopologyContext & Required<Pick<WordCountsWindowedOptions, 'batchIntervalMs' | 'windowLengthMs' | 'slideMs'>>;

/**
 * `word-counts-windowed` on the words repartition topic (fed by the shared `text-lines` task):
 * per-batch word counts → `reduceByKeyAndWindow(+, -, length, slide)` per word → one record per
 * word and window on `word-counts-windowed` at every slide (see `wordCountsWindowedFromCountsJob`).
 * Each word lives in one repartition partition, so every count is global.
 */
export function wordCountsWindowedFactory(o: WordCountsWindowedTopologyOptions): TaskFactory {
  return pipelineTaskFactory({
    ...o,
    topic: wordsRepartitionTopic(o.applicationId),
    trigger: 'internal',
    build: () => wordCountsWindowedFromCountsJob(o).build(),
    decode: decodeBatchCount,
    encode: encodeWordWindow,
  });
}

function encodeWordWindow(w: WordWindowCount) {
  return { topic: Topics.wordCountsWindowed, ...encodeWordWindowCount({ word: w.word, count: w.count, windowStart: isoTime(w.windowStart), windowEnd: isoTime(w.windowEnd) }) };
}

/** The job's output topic (its changelogs follow from its stores, see `buildTopology`). */
export function wordCountsWindowedTopics(): TopicRequirement[] {
  return [{ name: Topics.wordCountsWindowed, cleanupPolicy: 'delete' }];
}
