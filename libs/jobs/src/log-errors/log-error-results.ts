import { isoTimeString, resultContract } from '@sluice/contracts';
import { z } from 'zod';

/** `log-error-counts`: the running count of error lines per code (absolute). Key = the code. */
export const logErrorCountSchema = z.object({
  code: z.string().min(1),
  count: z.number().int().positive(),
  /** Micro-batch time of the update, ISO-8601. */
  updatedAt: isoTimeString,
});
export type LogErrorCount = z.infer<typeof logErrorCountSchema>;
export const logErrorCountContract = resultContract({
  topic: 'log-error-counts',
  schema: logErrorCountSchema,
  keyOf: (r) => r.code,
  cleanup: 'compact',
  stores: {
    redis: { kind: 'hash', keyPattern: 'log-errors:*', key: (r) => `log-errors:${r.code}`, fields: (r) => ({ count: r.count, updatedAt: r.updatedAt }) },
    cassandra: {
      kind: 'table',
      table: 'log_error_counts',
      columns: { code: 'text', count: 'bigint', updated_at: 'timestamp' },
      primaryKey: '(code)',
      row: (r) => ({ code: r.code, count: r.count, updated_at: r.updatedAt }),
    },
    mongo: { kind: 'collection', collection: 'log_error_counts', fields: (r) => ({ count: r.count, updatedAt: new Date(r.updatedAt) }) },
  },
});

const ranking = z.array(z.object({ url: z.string().min(1), count: z.number().int().positive() }));

/**
 * `log-top-urls`: the most problematic URLs since the start (`UNKNOWN_URL` excluded), by count
 * descending, ties by URL ascending. One record key (`all`): a later ranking replaces the former.
 */
export const logTopUrlsSchema = z.object({ top: ranking, updatedAt: isoTimeString });
export type LogTopUrls = z.infer<typeof logTopUrlsSchema>;
export const logTopUrlsContract = resultContract({
  topic: 'log-top-urls',
  schema: logTopUrlsSchema,
  keyOf: () => 'all',
  cleanup: 'compact',
  stores: {
    redis: { kind: 'hash', keyPattern: 'log-top-urls', key: () => 'log-top-urls', fields: (r) => ({ top: JSON.stringify(r.top), updatedAt: r.updatedAt }) },
    cassandra: {
      kind: 'table',
      table: 'log_top_urls',
      columns: { id: 'text', urls: 'list<text>', counts: 'list<bigint>', updated_at: 'timestamp' },
      primaryKey: '(id)',
      row: (r) => ({ id: 'all', urls: r.top.map((t) => t.url), counts: r.top.map((t) => t.count), updated_at: r.updatedAt }),
    },
    mongo: { kind: 'collection', collection: 'log_top_urls', fields: (r) => ({ top: r.top, updatedAt: new Date(r.updatedAt) }) },
  },
});

/** `log-error-counts-windowed`: error lines per code per sliding processing-time window `(windowStart, windowEnd]`. Key `<windowStart>/<code>`. */
export const logErrorWindowCountSchema = z.object({ code: z.string().min(1), count: z.number().int().positive(), windowStart: isoTimeString, windowEnd: isoTimeString });
export type LogErrorWindowCount = z.infer<typeof logErrorWindowCountSchema>;
export const logErrorWindowCountContract = resultContract({
  topic: 'log-error-counts-windowed',
  schema: logErrorWindowCountSchema,
  keyOf: (r) => `${r.windowStart}/${r.code}`,
  cleanup: 'compact,delete',
  stores: {
    redis: { kind: 'sorted-set', mode: 'member', keyPattern: 'log-errors-window:*', key: (r) => `log-errors-window:${r.windowStart}`, member: (r) => r.code, score: (r) => r.count },
    cassandra: {
      kind: 'table',
      table: 'log_error_counts_windowed',
      columns: { window_start: 'timestamp', code: 'text', window_end: 'timestamp', count: 'bigint' },
      primaryKey: '((window_start), code)',
      row: (r) => ({ window_start: r.windowStart, code: r.code, window_end: r.windowEnd, count: r.count }),
    },
    mongo: { kind: 'collection', collection: 'log_error_counts_windowed', fields: (r) => ({ code: r.code, count: r.count, windowStart: new Date(r.windowStart), windowEnd: new Date(r.windowEnd) }) },
  },
});

/** `log-top-urls-windowed`: the top URLs of each sliding window. Key = `windowStart`. */
export const logTopUrlsWindowSchema = z.object({ windowStart: isoTimeString, windowEnd: isoTimeString, top: ranking });
export type LogTopUrlsWindow = z.infer<typeof logTopUrlsWindowSchema>;
export const logTopUrlsWindowContract = resultContract({
  topic: 'log-top-urls-windowed',
  schema: logTopUrlsWindowSchema,
  keyOf: (r) => r.windowStart,
  cleanup: 'compact,delete',
  stores: {
    redis: { kind: 'sorted-set', mode: 'ranking', keyPattern: 'log-top-urls-window:*', key: (r) => `log-top-urls-window:${r.windowStart}`, members: (r) => r.top.map((t) => [t.url, t.count]) },
    cassandra: {
      kind: 'table',
      table: 'log_top_urls_windowed',
      columns: { window_start: 'timestamp', window_end: 'timestamp', urls: 'list<text>', counts: 'list<bigint>' },
      primaryKey: '(window_start)',
      row: (r) => ({ window_start: r.windowStart, window_end: r.windowEnd, urls: r.top.map((t) => t.url), counts: r.top.map((t) => t.count) }),
    },
    mongo: { kind: 'collection', collection: 'log_top_urls_windowed', fields: (r) => ({ windowStart: new Date(r.windowStart), windowEnd: new Date(r.windowEnd), top: r.top }) },
  },
});
