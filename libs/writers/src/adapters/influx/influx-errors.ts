import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { tlsVerifyCode } from '@sluice/config';
import { recordRejected, StoreFailure, StoreFailureError, storeRefused, transient } from '../../store-failure';

/** The token refused: InfluxDB's 401. */
const TOKEN_REFUSED = 'InfluxDB refused the token (check INFLUX_TOKEN; InfluxDB 1.8 takes user:password)';

/**
 * Classifies an error of the InfluxDB v2 write API (InfluxDB 1.8 natively, 2.7 in Docker):
 * - an answer whose JSON body names the offending `line` of the request → record-rejected,
 *   whatever its status (InfluxDB 2.x's parse errors, and QuestDB's 500 for a time it cannot hold);
 * - InfluxDB 1.8's 500 `retention policy not found` (bucket `db/rp` with a missing policy) →
 *   store-refused: every write fails until the policy exists;
 * - `HttpError` 400, 413, 422 → record-rejected: the body holds a point the store will not take
 *   (1.8: `unable to parse`, `partial write: field type conflict`, `time outside range`; outside the
 *   retention) or is too large; the writer isolates the points one by one;
 * - 401, 403, 404 (token, permission, missing org, bucket or 1.8 database) and any other 4xx →
 *   store-refused; 401 (the token refused) with {@link StoreFailure.misconfigured} naming INFLUX_TOKEN;
 * - 429 and 5xx → transient; a request timeout, and any error without an HTTP answer → transient,
 *   except a TLS certificate that fails verification: store-refused, misconfigured, naming INFLUX_SSL_CA.
 * (A value the client cannot turn into a point is rejected by the adapter before any request.)
 */
export function classifyInfluxError(error: unknown): StoreFailure {
  if (error instanceof StoreFailureError) return error.failure;
  if (error instanceof HttpError) {
    const code = `http-${error.statusCode}`;
    const json = error.json as { line?: unknown; error?: unknown } | undefined;
    if (typeof json?.line === 'number') return recordRejected(code);
    if (typeof json?.error === 'string' && /^retention policy not found/.test(json.error)) return storeRefused(code);
    if (error.statusCode === 429 || error.statusCode >= 500) return transient(code);
    if (error.statusCode === 400 || error.statusCode === 413 || error.statusCode === 422) return recordRejected(code);
    return error.statusCode === 401 ? storeRefused(code, TOKEN_REFUSED) : storeRefused(code);
  }
  if (error instanceof RequestTimedOutError) return transient('timeout');
  const tls = tlsVerifyCode(error);
  if (tls) return storeRefused('tls-untrusted', `the TLS certificate of InfluxDB is not trusted (check INFLUX_SSL_CA): ${tls}`);
  return transient((error as NodeJS.ErrnoException)?.code ?? (error as Error)?.name ?? 'unknown');
}
