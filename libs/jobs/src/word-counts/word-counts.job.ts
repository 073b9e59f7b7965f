import { wordCountContract, isoTime, Topics } from '@sluice/contracts';
import { compileStream, tokenizerFor } from '@sluice/streaming';
import { resultRecord } from '../result-record';
import { defineJob } from '../job-definition';
import { textLinesSource } from '../text/text-lines.source';
import { wordCountsConfig } from './word-counts.config';
import { wordCountsPipeline } from './word-counts.pipeline';

/** `word-counts`: running totals per word from `text-lines` to `word-counts`. */
export const wordCountsDefinition = defineJob({
  name: 'word-counts',
  summary: "running totals per word (the seed's `updateStateByKey`)",
  config: wordCountsConfig,
  inputs: [Topics.textLines],
  outputs: [wordCountContract],
  compile: (ctx, c) => [
    compileStream(wordCountsPipeline({ batchIntervalMs: ctx.batchIntervalMs, tokenizer: tokenizerFor(c.tokenizer) }), {
      ...ctx,
      source: textLinesSource(ctx),
      sink: { encode: (t) => resultRecord(wordCountContract, { word: t.word, count: t.count, updatedAt: isoTime(t.updatedAtMs) }) },
    }),
  ],
});
