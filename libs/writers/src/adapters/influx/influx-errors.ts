import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { recordRejected, StoreFailure, StoreFailureError, storeRefused, transient } from '../../store-failure';

/**
 * Classifies an error of the InfluxDB v2 write API (InfluxDB, QuestDB):
 * - an answer whose JSON body names the offending `line` of the request → record-rejected,
 *   whatever its status: QuestDB 9 answers a time it cannot hold (`designated timestamp beyond
 *   9999-12-31 is not allowed`) with 500 `internal error` and `"line": n`, and rolls back the request;
 * - `HttpError` 400, 413, 422 → record-rejected: the body holds a point the store will not take
 *   (unparsable, outside the retention) or is too large; the writer isolates the points one by one;
 * - 401, 403, 404 (token, permission, missing org or bucket) and any other 4xx → store-refused;
 * - 429 and 5xx → transient; a request timeout, and any error without an HTTP answer → transient.
 * (A value the client cannot turn into a point is rejected by the adapter before any request.)
 */
export function classifyInfluxError(error: unknown): StoreFailure {
  if (error instanceof StoreFailureError) return error.failure;
  if (error instanceof HttpError) {
    const code = `http-${error.statusCode}`;
    if (typeof (error.json as { line?: unknown } | undefined)?.line === 'number') return recordRejected(code);
    if (error.statusCode === 429 || error.statusCode >= 500) return transient(code);
    if (error.statusCode === 400 || error.statusCode === 413 || error.statusCode === 422) return recordRejected(code);
    return storeRefused(code);
  }
  if (error instanceof RequestTimedOutError) return transient('timeout');
  return transient((error as NodeJS.ErrnoException)?.code ?? (error as Error)?.name ?? 'unknown');
}
