import { Decoded, decodeTextLine, decoded, rejected } from '@sluice/contracts';
import { countWords } from '../text/count-words';
import { extractHashtags } from '../text/hashtags';
import type { Tokenizer } from '../text/tokenizer';
import { deadLetter, processingFailure } from './dead-letter';
import { OutputRecord, StreamRecord } from './stream-record';
import { BATCH_TIME_HEADER, StreamTask } from './topology';

/** Options of {@link TextLinesTask}. */
export interface TextLinesTaskOptions {
  tokenizer: Tokenizer;
  /** Largest accepted line (bytes); larger lines go to `text-lines.dlq`. */
  maxRecordBytes: number;
  /** Repartition topic of per-batch word counts; absent: words are not counted. */
  wordsTopic?: string;
  /** Repartition topic of per-batch hashtag counts; absent: hashtags are not counted. */
  hashtagsTopic?: string;
  service: string;
  now: () => number;
}

/**
 * The stateless first half of every text job, on one `text-lines` partition: decode each line
 * (bad ones to `text-lines.dlq`, once), then count the batch's words and hashtags locally (a
 * combiner, as Spark's map-side `reduceByKey`) and forward one record per distinct word or tag to
 * its repartition topic: key = the word or tag, value = its count in this batch as a decimal
 * string, header `sluice-batch-time`. The stateful second halves (running totals, windows) read
 * those topics, where each word or tag lives in exactly one partition. A line whose tokenizing
 * throws goes to `text-lines.dlq` with reason `processing-error` and counts for nothing.
 */
export class TextLinesTask implements StreamTask {
  readonly stores = [];

  constructor(private readonly o: TextLinesTaskOptions) {}

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const out: OutputRecord[] = [];
    const words = new Map<string, number>();
    const tags = new Map<string, number>();
    for (const r of records) {
      const line = decodeTextLine(r.value, this.o.maxRecordBytes);
      if (!line.ok) {
        out.push(deadLetter(r, line.reason, line.detail, this.o.service, this.o.now()));
        continue;
      }
      try {
        // A line's words and tags are counted only once both are known, so a throwing line adds nothing.
        const lineWords = this.o.wordsTopic ? countWords([line.value], this.o.tokenizer) : undefined;
        const lineTags = this.o.hashtagsTopic ? extractHashtags(line.value) : [];
        for (const [word, n] of lineWords ?? []) words.set(word, (words.get(word) ?? 0) + n);
        for (const tag of lineTags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      } catch (e) {
        out.push(processingFailure(r, e, this.o.service, this.o.now()));
      }
    }
    const headers = { [BATCH_TIME_HEADER]: String(batchTimeMs) };
    if (this.o.wordsTopic) for (const [word, n] of words) out.push({ topic: this.o.wordsTopic, key: word, value: String(n), headers });
    if (this.o.hashtagsTopic) for (const [tag, n] of tags) out.push({ topic: this.o.hashtagsTopic, key: tag, value: String(n), headers });
    return out;
  }
}

/**
 * Decodes a per-batch count forwarded by {@link TextLinesTask}: key = word or tag, value = a
 * positive integer. Only Sluice writes these topics: anything else is a bug or a foreign writer.
 */
export function decodeBatchCount(r: StreamRecord): Decoded<[string, number]> {
  const key = r.key?.toString('utf8');
  const n = r.value === null ? NaN : Number(r.value.toString('utf8'));
  if (!key || !Number.isInteger(n) || n <= 0) return rejected('schema-invalid', 'repartition record needs a key and a positive integer count');
  return decoded([key, n]);
}
