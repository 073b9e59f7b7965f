import { wordWindowCountContract, isoTime, Topics } from '@sluice/contracts';
import { compileStream, tokenizerFor } from '@sluice/streaming';
import { resultRecord } from '../result-record';
import { defineJob } from '../job-definition';
import { textLinesSource } from '../text/text-lines.source';
import { wordCountsWindowedConfig, wordCountsWindowedProblems } from './word-counts-windowed.config';
import { wordCountsWindowedJob } from './word-counts-windowed.pipeline';

/** `word-counts-windowed`: counts per word per sliding processing-time window, on the shared words shuffle. */
export const wordCountsWindowedDefinition = defineJob({
  name: 'word-counts-windowed',
  summary: 'counts per word per sliding processing-time window (30 s, slide 10 s)',
  config: wordCountsWindowedConfig,
  checkConfig: wordCountsWindowedProblems,
  inputs: [Topics.textLines],
  outputs: [wordWindowCountContract],
  compile: (ctx, c) => [
    compileStream(wordCountsWindowedJob({ batchIntervalMs: ctx.batchIntervalMs, windowLengthMs: c.windowLengthMs, slideMs: c.slideMs, tokenizer: tokenizerFor(c.tokenizer) }), {
      ...ctx,
      source: textLinesSource(ctx),
      sink: {
        encode: (w) => resultRecord(wordWindowCountContract, { word: w.word, count: w.count, windowStart: isoTime(w.windowStart), windowEnd: isoTime(w.windowEnd) }),
      },
    }),
  ],
});
