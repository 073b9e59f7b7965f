import { isoTime } from '@sluice/contracts';
import { compileStream } from '@sluice/streaming';
import { defineJob } from '../job-definition';
import { resultRecord } from '../result-record';
import { APP_LOGS_TOPIC, appLogsSource } from './app-logs.source';
import { logErrorCountContract, logErrorWindowCountContract, logTopUrlsContract, logTopUrlsWindowContract } from './log-error-results';
import { logErrorsConfig, logErrorsProblems } from './log-errors.config';
import { logErrorCountsPipeline, logErrorWindowCountsPipeline, logTopUrlsPipeline, logTopUrlsWindowPipeline } from './log-errors.pipeline';

/** `log-errors`: seed 004's `detector.py` as a stream — error counts per code and the top URLs, running and per sliding window. */
export const logErrorsDefinition = defineJob({
  name: 'log-errors',
  summary: 'error lines of `app-logs` (seed 004 `detector.py`, or access-log status ≥ 500): counts per code and the top 10 URLs, running and per sliding window (60 s, slide 10 s)',
  config: logErrorsConfig,
  checkConfig: logErrorsProblems,
  inputs: [APP_LOGS_TOPIC],
  outputs: [logErrorCountContract, logTopUrlsContract, logErrorWindowCountContract, logTopUrlsWindowContract],
  compile: (ctx, c) => {
    const o = { batchIntervalMs: ctx.batchIntervalMs, windowLengthMs: c.windowLengthMs, slideMs: c.slideMs, topN: c.topN };
    const source = appLogsSource(ctx, c.format);
    return [
      compileStream(logErrorCountsPipeline(o), { ...ctx, source, sink: { encode: (r) => resultRecord(logErrorCountContract, { code: r.code, count: r.count, updatedAt: isoTime(r.updatedAtMs) }) } }),
      compileStream(logTopUrlsPipeline(o), { ...ctx, source, sink: { encode: (r) => resultRecord(logTopUrlsContract, { top: r.top, updatedAt: isoTime(r.updatedAtMs) }) } }),
      compileStream(logErrorWindowCountsPipeline(o), {
        ...ctx,
        source,
        sink: { encode: (r) => resultRecord(logErrorWindowCountContract, { code: r.code, count: r.count, windowStart: isoTime(r.windowStart), windowEnd: isoTime(r.windowEnd) }) },
      }),
      compileStream(logTopUrlsWindowPipeline(o), {
        ...ctx,
        source,
        sink: { encode: (r) => resultRecord(logTopUrlsWindowContract, { top: r.top, windowStart: isoTime(r.windowStart), windowEnd: isoTime(r.windowEnd) }) },
      }),
    ];
  },
});
