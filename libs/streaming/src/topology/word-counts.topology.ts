import { InternalTopics, Topics, decodeTextLine, dlqTopic, encodeWordCount } from '@sluice/contracts';
import { KeyValueStore } from '../state/key-value-store';
import { Tokenizer } from '../text/tokenizer';
import { countWords } from '../text/count-words';
import { deadLetter } from './dead-letter';
import { OutputRecord, StreamRecord } from './stream-record';
import { BATCH_TIME_HEADER, StreamTask, TaskFactory, TopicRequirement } from './topology';

/** Stable names of the word-count job's operator and store (they name its internal topics). */
export const WORD_COUNTS_OPERATOR = 'word-counts';
export const WORD_COUNTS_STORE = 'word-counts-store';

export interface WordCountsOptions {
  applicationId: string;
  tokenizer: Tokenizer;
  /** Largest accepted line (bytes); larger lines go to `text-lines.dlq`. */
  maxRecordBytes: number;
  /** Service name written in DLQ headers. */
  service: string;
  now: () => number;
}

/**
 * The word-count job (the seed's `flatMap(split) → reduceByKey → updateStateByKey`) as two
 * sub-topologies, as Kafka Streams builds `groupBy(word).count()` over an unkeyed stream:
 *
 * 1. `text-lines` task (stateless, every batch interval): decode → tokenize → count the words of
 *    the batch (a combiner) → one record per distinct word on
 *    `<app>-word-counts-repartition` (key = word, value = the batch count as a decimal string,
 *    header `sluice-batch-time`).
 * 2. repartition task (stateful, as soon as upstream commits): add each batch count to the
 *    word's running total in `word-counts-store` (one word lives in exactly one partition) and
 *    publish the absolute total on `word-counts` (key = word).
 *
 * Both run in Kafka transactions with their input offsets, so each line is counted exactly once
 * across crashes and rebalances.
 */
export function wordCountsFactories(o: WordCountsOptions): TaskFactory[] {
  const repartition = InternalTopics.repartition(o.applicationId, WORD_COUNTS_OPERATOR);
  return [
    { topic: Topics.textLines, trigger: 'source', storeNames: [], create: () => new LineCountTask(o, repartition) },
    { topic: repartition, trigger: 'internal', storeNames: [WORD_COUNTS_STORE], create: () => new RunningTotalTask(o) },
  ];
}

/** Topics the word-count job needs besides the shared source and DLQ topics. */
export function wordCountsTopics(applicationId: string): TopicRequirement[] {
  return [
    { name: InternalTopics.repartition(applicationId, WORD_COUNTS_OPERATOR), cleanupPolicy: 'delete' },
    { name: InternalTopics.changelog(applicationId, WORD_COUNTS_STORE), cleanupPolicy: 'compact' },
    { name: Topics.textLines, cleanupPolicy: 'delete' },
    { name: dlqTopic(Topics.textLines), cleanupPolicy: 'delete' },
    { name: Topics.wordCounts, cleanupPolicy: 'delete' },
    { name: dlqTopic(repartitionDlqBase(applicationId)), cleanupPolicy: 'delete' },
  ];
}

function repartitionDlqBase(applicationId: string): string {
  return InternalTopics.repartition(applicationId, WORD_COUNTS_OPERATOR);
}

/** Sub-topology 1: lines of one `text-lines` partition → per-batch word counts, repartitioned by word. */
class LineCountTask implements StreamTask {
  readonly stores = [];
  constructor(private readonly o: WordCountsOptions, private readonly repartitionTopic: string) {}

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const out: OutputRecord[] = [];
    const lines: string[] = [];
    for (const r of records) {
      const line = decodeTextLine(r.value, this.o.maxRecordBytes);
      if (line.ok) lines.push(line.value);
      else out.push(deadLetter(r, line.reason, line.detail, this.o.service, this.o.now()));
    }
    const headers = { [BATCH_TIME_HEADER]: String(batchTimeMs) };
    for (const [word, n] of countWords(lines, this.o.tokenizer)) {
      out.push({ topic: this.repartitionTopic, key: word, value: String(n), headers });
    }
    return out;
  }
}

/** Sub-topology 2: per-batch counts of one repartition partition → running totals on `word-counts`. */
class RunningTotalTask implements StreamTask {
  private readonly totals = new KeyValueStore<number>(WORD_COUNTS_STORE);
  readonly stores = [this.totals];
  constructor(private readonly o: WordCountsOptions) {}

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const out: OutputRecord[] = [];
    for (const r of records) {
      const word = r.key?.toString('utf8');
      const n = r.value === null ? NaN : Number(r.value.toString('utf8'));
      if (!word || !Number.isInteger(n) || n <= 0) {
        // Only Sluice writes this topic; a bad record here is a bug or a foreign writer: keep it, skip it.
        out.push(deadLetter(r, 'schema-invalid', 'repartition record needs a word key and a positive integer count', this.o.service, this.o.now()));
        continue;
      }
      this.totals.put(word, (this.totals.get(word) ?? 0) + n);
    }
    const updatedAt = new Date(batchTimeMs).toISOString();
    // The store's dirty set is exactly the words changed in this batch; the runtime drains it
    // for the changelog after process(), so read it without draining.
    for (const word of this.changedWords(records)) {
      const { key, value } = encodeWordCount({ word, count: this.totals.get(word)!, updatedAt });
      out.push({ topic: Topics.wordCounts, key, value });
    }
    return out;
  }

  private changedWords(records: readonly StreamRecord[]): Set<string> {
    const words = new Set<string>();
    for (const r of records) {
      const w = r.key?.toString('utf8');
      if (w && this.totals.has(w)) words.add(w);
    }
    return words;
  }
}
