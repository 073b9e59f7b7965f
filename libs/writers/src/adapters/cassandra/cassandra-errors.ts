import { errors, types } from 'cassandra-driver';
import { tlsVerifyCode } from '@sluice/config';
import { recordRejected, StoreFailure, StoreFailureError, storeRefused, transient } from '../../store-failure';

const codes = types.responseErrorCodes;
const codeName = new Map<number, string>((Object.entries(codes) as Array<[string, number]>).map(([name, code]) => [code, name]));

/** Server answers of a node that is busy, catching up or lost replicas: retry. */
const TRANSIENT_CODES = new Set<number>([
  codes.serverError,
  codes.unavailableException,
  codes.overloaded,
  codes.isBootstrapping,
  codes.truncateError,
  codes.writeTimeout,
  codes.readTimeout,
  codes.writeFailure,
  codes.readFailure,
  codes.unprepared,
]);
/**
 * Answers about one statement's values. `invalid` also means a missing keyspace or table: the
 * table adapter asks the schema before dead-lettering (see `CassandraTableAdapter.write`).
 */
const RECORD_CODES = new Set<number>([codes.invalid, codes.functionFailure]);

/** Every host refused our credentials (or wanted some and got none). */
const BAD_CREDENTIALS = storeRefused('badCredentials', 'Cassandra refused the credentials (check CASSANDRA_USERNAME, CASSANDRA_PASSWORD)');
/** Every host's TLS certificate failed verification (`code`: Node's verification code). */
const untrusted = (code: string) => storeRefused('tls-untrusted', `the TLS certificate of Cassandra is not trusted (check CASSANDRA_SSL_CA): ${code}`);

/**
 * Classifies a cassandra-driver error:
 * - no host available (every host answering an error is classified by that answer), an operation
 *   timed out, a busy connection, and the transient response codes (unavailable, overloaded,
 *   bootstrapping, read/write timeout or failure, server error) → transient;
 * - response codes `invalid` and `functionFailure`, and a value the driver cannot encode
 *   (`TypeError`, `RangeError`, `ArgumentError`) → record-rejected;
 * - any other response (`unauthorized`, `badCredentials`, `syntaxError`, `configError`, ...) → store-refused;
 * - refused credentials (an `AuthenticationError` or `badCredentials` answer, also from every host
 *   of a "no host available") and a node certificate that fails verification on every host →
 *   store-refused with {@link StoreFailure.misconfigured} naming the variables to check;
 * - anything else is a connection-level failure → transient.
 */
export function classifyCassandraError(error: unknown): StoreFailure {
  if (error instanceof StoreFailureError) return error.failure;
  if (error instanceof errors.NoHostAvailableError) {
    const inner = Object.values(error.innerErrors ?? {});
    if (inner.length > 0 && inner.every((e) => e instanceof errors.AuthenticationError)) return BAD_CREDENTIALS;
    const tls = inner.map(tlsVerifyCode);
    if (inner.length > 0 && tls.every((c) => c !== undefined)) return untrusted(tls[0]!);
    // Every host answered: the answer decides, not the "no host" wrapper.
    if (inner.length > 0 && inner.every((e) => e instanceof errors.ResponseError)) return classifyCassandraError(inner[0]);
    return transient('NoHostAvailable');
  }
  if (error instanceof errors.OperationTimedOutError) return transient('OperationTimedOut');
  if (error instanceof errors.BusyConnectionError) return transient('BusyConnection');
  if (error instanceof errors.AuthenticationError) return BAD_CREDENTIALS;
  const tls = tlsVerifyCode(error);
  if (tls) return untrusted(tls);
  if (error instanceof errors.ResponseError) {
    if (error.code === codes.badCredentials) return BAD_CREDENTIALS;
    const name = codeName.get(error.code) ?? `0x${error.code.toString(16)}`;
    if (TRANSIENT_CODES.has(error.code)) return transient(name);
    if (RECORD_CODES.has(error.code)) return recordRejected(name);
    return storeRefused(name);
  }
  if (error instanceof TypeError || error instanceof RangeError || error instanceof errors.ArgumentError) return recordRejected(error.name);
  return transient((error as NodeJS.ErrnoException)?.code ?? (error as Error)?.name ?? 'unknown');
}

/** True for the `invalid` answer, which covers a bad value as well as a dropped keyspace or table. */
export const isInvalidRequest = (error: unknown): boolean => error instanceof errors.ResponseError && error.code === codes.invalid;
