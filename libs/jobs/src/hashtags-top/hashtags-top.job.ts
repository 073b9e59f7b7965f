import { hashtagsTopContract, isoTime, Topics } from '@sluice/contracts';
import { compileStream } from '@sluice/streaming';
import { resultRecord } from '../result-record';
import { defineJob } from '../job-definition';
import { textLinesSource } from '../text/text-lines.source';
import { hashtagsTopConfig, hashtagsTopProblems } from './hashtags-top.config';
import { hashtagsTopJob } from './hashtags-top.pipeline';

/** `hashtags-top`: the top N hashtags of `text-lines` per sliding window, through a one-partition shuffle. */
export const hashtagsTopDefinition = defineJob({
  name: 'hashtags-top',
  summary: 'the top 10 hashtags per sliding window',
  config: hashtagsTopConfig,
  checkConfig: hashtagsTopProblems,
  inputs: [Topics.textLines],
  outputs: [hashtagsTopContract],
  compile: (ctx, c) => [
    compileStream(hashtagsTopJob({ batchIntervalMs: ctx.batchIntervalMs, windowLengthMs: c.windowLengthMs, slideMs: c.slideMs, topN: c.topN }), {
      ...ctx,
      source: textLinesSource(ctx),
      sink: { encode: (t) => resultRecord(hashtagsTopContract, { windowStart: isoTime(t.windowStart), windowEnd: isoTime(t.windowEnd), top: t.top }) },
    }),
  ],
});
