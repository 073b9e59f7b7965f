import type { Logger } from '@sluice/observability';
import { backoffDelay } from './backoff';
import type { StoreAdapter } from './store-adapter';
import { safeMessage } from './store-failure';

/** How {@link connectStore} waits between attempts: capped exponential backoff with jitter (ms). */
export interface ConnectRetry {
  retryInitialMs: number;
  retryMaxMs: number;
  /** Waits `ms` (default: a timer; injected by tests). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Connects a writer's store at start-up (`adapter.connect()`: connection, keyspace, tables),
 * waiting out, with capped exponential backoff and a warning per attempt, a store that is down or
 * refusing (`transient` and `store-refused`: e.g. not started yet, or a missing permission an
 * operator can grant meanwhile); a half-open client is closed before the next attempt.
 *
 * Does not wait when retrying cannot help: a failure with {@link StoreFailure.misconfigured} (the
 * store refused the credentials, or its TLS certificate is not trusted) ends the start-up at once,
 * as Kafka's refused SASL credentials do (`ensureTopics`); so does a `record-rejected` answer on a
 * second attempt (a statement the store refuses: a bug).
 *
 * @throws Error `could not connect to <store>: <what to check>` (the driver's error as `cause`) on
 *   a misconfigured failure, e.g. `could not connect to cassandra: Cassandra refused the
 *   credentials (check CASSANDRA_USERNAME, CASSANDRA_PASSWORD)`; the driver's error on a repeated
 *   record-level rejection. Never a password: the warnings carry the error's message with URL
 *   credentials masked ({@link safeMessage}).
 */
export async function connectStore(adapter: StoreAdapter<unknown>, retry: ConnectRetry, log: Logger): Promise<void> {
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      await adapter.connect();
      return;
    } catch (err) {
      const failure = adapter.classify(err);
      if (failure.misconfigured) throw new Error(`could not connect to ${adapter.store}: ${failure.misconfigured}`, { cause: err });
      if (failure.kind === 'record-rejected' && attempt > 0) throw err;
      const delay = backoffDelay(attempt, retry.retryInitialMs, retry.retryMaxMs);
      log.warn({ err: safeMessage(err), kind: failure.kind, code: failure.code, delayMs: delay }, `${adapter.store} not reachable yet; retrying`);
      await adapter.close().catch(() => undefined); // a half-open client is rebuilt on the next attempt
      await sleep(delay);
    }
  }
}
