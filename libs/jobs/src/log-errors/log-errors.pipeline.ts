import { BatchWindows, byCountDescThenKey, countCodec, MicroBatchStream, topN } from '@sluice/streaming';
import type { LogLine } from './app-logs.source';
import { LogError, UNKNOWN_URL } from './log-line.parser';

/** Stable names of the job's shuffles: `<group>-log-error-codes-repartition` and `<group>-log-error-urls-repartition`. */
export const LOG_ERROR_CODES = 'log-error-codes';
export const LOG_ERROR_URLS = 'log-error-urls';

/** Options of the `log-errors` pipelines. */
export interface LogErrorsOptions {
  batchIntervalMs: number;
  /** Window length (ms), a multiple of the batch interval. Default 60,000. */
  windowLengthMs?: number;
  /** Slide (ms), a multiple of the batch interval. Default 10,000. */
  slideMs?: number;
  /** URLs per ranking. Default 10. */
  topN?: number;
}

/** A ranking entry: a URL and its count. */
export interface UrlCount {
  url: string;
  count: number;
}

const sum = (a: number, b: number) => a + b;
const minus = (a: number, b: number) => a - b;
const ranked = (pairs: ReadonlyArray<readonly [string, number]>, n: number): UrlCount[] =>
  topN(pairs.map(([url, count]) => [url, count] as [string, number]), n, byCountDescThenKey).map(([url, count]) => ({ url, count }));
const windowsOf = (o: LogErrorsOptions) => BatchWindows.sliding(o.windowLengthMs ?? 60_000, o.slideMs ?? 10_000);

/** The error lines of a batch (`filter(lambda line: "ERROR" in line)` once parsed). */
function errors(o: LogErrorsOptions): MicroBatchStream<LogLine, LogError> {
  return MicroBatchStream.source<LogLine>({ batchIntervalMs: o.batchIntervalMs }).filter((e): e is LogError => e !== null);
}

/** Per-batch counts per error code, repartitioned by code (shared by the running and windowed counts). */
function byCode(o: LogErrorsOptions): MicroBatchStream<LogLine, [string, number]> {
  return errors(o)
    .mapToPair((e) => [e.code, 1])
    .countByKey()
    .repartition(LOG_ERROR_CODES, ([code]) => code, { codec: countCodec });
}

/**
 * Per-batch counts per URL (`UNKNOWN_URL` excluded, as the seed's `filter(x[0] != "UNKNOWN_URL")`),
 * repartitioned to **one partition**: a ranking is a global aggregate (as `hashtags-top`).
 */
function byUrl(o: LogErrorsOptions): MicroBatchStream<LogLine, [string, number]> {
  return errors(o)
    .filter((e) => e.url !== UNKNOWN_URL)
    .mapToPair((e) => [e.url, 1])
    .countByKey()
    .repartition(LOG_ERROR_URLS, ([url]) => url, { codec: countCodec, partitions: 1 });
}

/**
 * Running error counts per code — the seed's `error_info.map((code, 1)).reduceByKey(+)` kept across
 * batches (`updateStateByKey(sum)`): every batch, the absolute count of each code seen in it.
 */
export function logErrorCountsPipeline(o: LogErrorsOptions): MicroBatchStream<LogLine, { code: string; count: number; updatedAtMs: number }> {
  return byCode(o)
    .updateStateByKey<string, number, number>((ns, total) => ns.reduce(sum, total ?? 0), { name: 'log-error-counts' })
    .flatMap((s) => (s.kind === 'state' ? [{ code: s.key, count: s.state, updatedAtMs: s.lastUpdateMs }] : []));
}

/**
 * The top N problematic URLs since the start — the seed's `url_counts.sortBy(-count).take(10)`
 * over running totals, ties by URL ascending (the seed leaves them to Spark's sort): one ranking
 * per batch in which a URL was counted.
 */
export function logTopUrlsPipeline(o: LogErrorsOptions): MicroBatchStream<LogLine, { top: UrlCount[]; updatedAtMs: number }> {
  return byUrl(o)
    .updateStateByKey<string, number, number>((ns, total) => ns.reduce(sum, total ?? 0), { name: 'log-top-urls', emit: 'snapshot' })
    .transform((states, t) => {
      if (!states.some((s) => s.kind === 'state' && s.updated)) return [];
      const totals = states.flatMap((s) => (s.kind === 'state' ? [[s.key, s.state] as const] : []));
      return [{ top: ranked(totals, o.topN ?? 10), updatedAtMs: t }];
    });
}

/** Error counts per code per sliding window (`reduceByKeyAndWindow(+, −)`, windows `(end − length, end]`); zero counts are not emitted. */
export function logErrorWindowCountsPipeline(o: LogErrorsOptions): MicroBatchStream<LogLine, { code: string; count: number; windowStart: number; windowEnd: number }> {
  const windows = windowsOf(o);
  return byCode(o)
    .reduceByKeyAndWindow(sum, windows, { name: 'log-error-counts-windowed', inverse: minus })
    .transform((pairs, end) => pairs.map(([code, count]) => ({ code, count, windowStart: end - windows.lengthMs, windowEnd: end })));
}

/** The top N URLs of each sliding window holding at least one; ties by URL ascending. */
export function logTopUrlsWindowPipeline(o: LogErrorsOptions): MicroBatchStream<LogLine, { top: UrlCount[]; windowStart: number; windowEnd: number }> {
  const windows = windowsOf(o);
  return byUrl(o)
    .reduceByKeyAndWindow(sum, windows, { name: 'log-top-urls-windowed', inverse: minus })
    .transform((pairs, end) => (pairs.length === 0 ? [] : [{ top: ranked(pairs, o.topN ?? 10), windowStart: end - windows.lengthMs, windowEnd: end }]));
}
