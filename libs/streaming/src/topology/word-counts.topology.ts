import { EventTimeRange, InternalTopics, Topics, dlqTopic } from '@sluice/contracts';
import { Tokenizer } from '../text/tokenizer';
import { RunningTotalTask } from './running-total.task';
import { TextLinesTask } from './text-lines.task';
import { TaskFactory, TopicRequirement } from './topology';

/** Stable names of the word-count job's operator and store (they name its internal topics). */
export const WORD_COUNTS_OPERATOR = 'word-counts';
export const WORD_COUNTS_STORE = 'word-counts-store';

/** What every task of a topology shares. */
export interface TopologyContext {
  applicationId: string;
  /** Largest accepted input record (bytes); larger ones go to `<topic>.dlq`. */
  maxRecordBytes: number;
  /** Service name written in DLQ headers. */
  service: string;
  now: () => number;
  /** Event times the decoders accept (`MAX_EVENT_TIME_SKEW_MS` ahead of `now` at most); others go to `<topic>.dlq`. */
  eventTimes: EventTimeRange;
}

export interface WordCountsOptions extends TopologyContext {
  tokenizer: Tokenizer;
}

/** The repartition topic of per-batch word counts (shared by `word-counts` and `word-counts-windowed`). */
export function wordsRepartitionTopic(applicationId: string): string {
  return InternalTopics.repartition(applicationId, WORD_COUNTS_OPERATOR);
}

/**
 * The word-count job (the seed's `flatMap(split) → reduceByKey → updateStateByKey`) as two
 * sub-topologies, as Kafka Streams builds `groupBy(word).count()` over an unkeyed stream:
 *
 * 1. `text-lines` task ({@link TextLinesTask}, stateless, every batch interval): decode →
 *    tokenize → per-batch counts → `<app>-word-counts-repartition` (key = word);
 * 2. repartition task ({@link RunningTotalTask}, as soon as upstream commits): running totals in
 *    `word-counts-store`, absolute totals on `word-counts`.
 *
 * Both run in Kafka transactions with their input offsets, so each line is counted exactly once
 * across crashes and rebalances.
 */
export function wordCountsFactories(o: WordCountsOptions): TaskFactory[] {
  return [textLinesFactory(o, { words: true, hashtags: false }), runningTotalFactory(o)];
}

/** The `text-lines` source task, forwarding word and/or hashtag counts per batch. */
export function textLinesFactory(o: WordCountsOptions, outputs: { words: boolean; hashtags: boolean; hashtagsTopic?: string }): TaskFactory {
  return {
    topic: Topics.textLines,
    trigger: 'source',
    storeNames: [],
    create: () =>
      new TextLinesTask({
        ...o,
        wordsTopic: outputs.words ? wordsRepartitionTopic(o.applicationId) : undefined,
        hashtagsTopic: outputs.hashtags ? outputs.hashtagsTopic : undefined,
      }),
  };
}

/** The running-totals task on the words repartition topic. */
export function runningTotalFactory(o: TopologyContext): TaskFactory {
  return { topic: wordsRepartitionTopic(o.applicationId), trigger: 'internal', storeNames: [WORD_COUNTS_STORE], create: () => new RunningTotalTask(WORD_COUNTS_STORE, o) };
}

/** Topics of the shared text source and of the words shuffle. */
export function textTopics(applicationId: string): TopicRequirement[] {
  return [
    { name: Topics.textLines, cleanupPolicy: 'delete' },
    { name: dlqTopic(Topics.textLines), cleanupPolicy: 'delete' },
    { name: wordsRepartitionTopic(applicationId), cleanupPolicy: 'delete' },
    { name: dlqTopic(wordsRepartitionTopic(applicationId)), cleanupPolicy: 'delete' },
  ];
}
