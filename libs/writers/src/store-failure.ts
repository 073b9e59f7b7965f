/**
 * What a failed store write means, decided by each adapter from its driver's error classes and codes:
 * - `transient`: the store did not answer or is busy (connection refused/reset, timeout, loading,
 *   overloaded, 429/5xx): wait and retry;
 * - `store-refused`: the store answered but refuses every write (out of memory, read-only,
 *   authentication or permission denied, missing keyspace/table/bucket): pause, report it in
 *   `/health` and retry until it is fixed. Never the records' fault: nothing goes to the DLQ;
 * - `record-rejected`: the store refused a value (e.g. a timestamp it cannot hold, a key too
 *   large, a wrong type): the batch is isolated item by item and only the rejected items go to the DLQ.
 */
export type StoreFailureKind = 'transient' | 'store-refused' | 'record-rejected';

/** A classified store error: its kind and a short code for logs, metrics and health (`OOM`, `http-401`, `Unauthorized`). */
export interface StoreFailure {
  kind: StoreFailureKind;
  code: string;
  /**
   * Only on a `store-refused` failure that is this writer's configuration, not the store's state:
   * the store refused the credentials, or the client does not trust the store's TLS certificate.
   * A sentence naming the variables to check, never their values, e.g. `Cassandra refused the
   * credentials (check CASSANDRA_USERNAME, CASSANDRA_PASSWORD)`. Met while connecting at
   * start-up it stops the writer (`WriterService`: retrying cannot fix it, and a service waiting
   * on its own typo looks healthy-but-idle); met while running it is waited out like any refusal.
   */
  misconfigured?: string;
}

export const transient = (code: string): StoreFailure => ({ kind: 'transient', code });
/** @param misconfigured see {@link StoreFailure.misconfigured} */
export const storeRefused = (code: string, misconfigured?: string): StoreFailure => (misconfigured === undefined ? { kind: 'store-refused', code } : { kind: 'store-refused', code, misconfigured });
export const recordRejected = (code: string): StoreFailure => ({ kind: 'record-rejected', code });

/**
 * Thrown by an adapter that classified a failure itself, from more than the driver's error (e.g.
 * Cassandra's `Invalid` answer, which covers both a bad value and a dropped table, checked
 * against the schema; a MongoDB bulk write whose items carry a store-level code). Every adapter's
 * classification returns its `failure` as is.
 */
export class StoreFailureError extends Error {
  constructor(readonly failure: StoreFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = StoreFailureError.name;
  }
}

/** The error's message with any `scheme://user:password@` credentials masked, cut at 300 characters. */
export function safeMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^/@\s]*@/g, '//***@').slice(0, 300);
}

/**
 * The sentence `/health` and the logs give for a failure the writer is waiting out, e.g.
 * `redis refuses writes (OOM): OOM command not allowed when used memory > 'maxmemory'.`
 */
export function describeFailure(store: string, failure: StoreFailure, error: unknown): string {
  const what = failure.kind === 'store-refused' ? 'refuses writes' : failure.kind === 'transient' ? 'unavailable' : 'rejected a value';
  return `${store} ${what} (${failure.code}): ${safeMessage(error)}`;
}
