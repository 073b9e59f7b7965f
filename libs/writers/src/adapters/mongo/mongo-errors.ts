import { BSON, MongoError, MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError, MongoWriteConcernError } from 'mongodb';
import { recordRejected, StoreFailure, StoreFailureError, storeRefused, transient } from '../../store-failure';

/** Server codes of a store refusing writes: permissions, authentication, not the primary, out of space or quota. */
const REFUSED_CODES = new Map<number, string>([
  [13, 'Unauthorized'],
  [18, 'AuthenticationFailed'],
  [10107, 'NotWritablePrimary'],
  [13435, 'NotPrimaryNoSecondaryOk'],
  [14031, 'OutOfDiskSpace'],
  [8000, 'AtlasError'],
]);
/** Server codes of a node that is stepping down, shutting down, slow or in conflict: retry. */
const TRANSIENT_CODES = new Map<number, string>([
  [6, 'HostUnreachable'],
  [7, 'HostNotFound'],
  [46, 'LockBusy'],
  [50, 'MaxTimeMSExpired'],
  [64, 'WriteConcernFailed'],
  [89, 'NetworkTimeout'],
  [91, 'ShutdownInProgress'],
  [112, 'WriteConflict'],
  [189, 'PrimarySteppedDown'],
  [262, 'ExceededTimeLimit'],
  [9001, 'SocketException'],
  [11600, 'InterruptedAtShutdown'],
  [11602, 'InterruptedDueToReplStateChange'],
  [13436, 'NotPrimaryOrSecondary'],
]);
/** Server codes about a document's value, when a whole command fails with them. */
const RECORD_CODES = new Map<number, string>([
  [2, 'BadValue'],
  [52, 'DollarPrefixedFieldName'],
  [121, 'DocumentValidationFailure'],
  [10334, 'BSONObjectTooLarge'],
  [17419, 'DocumentTooLarge'],
]);

/** `AuthenticationFailed`: the user or password of MONGO_URL refused. */
const AUTHENTICATION_FAILED = 18;

/**
 * Classifies a server code: store-refused and transient codes by the lists above (18,
 * `AuthenticationFailed`, with {@link StoreFailure.misconfigured} naming MONGO_URL); otherwise a
 * per-document write error (`perItem`) is the document's fault, while a failed command with an
 * unknown code is taken as the store refusing (waited out, never dead-lettered).
 */
export function classifyMongoCode(code: number | string | undefined, perItem: boolean): StoreFailure {
  const n = Number(code);
  if (n === AUTHENTICATION_FAILED) return storeRefused('AuthenticationFailed', 'MongoDB refused the credentials (check the user and password in MONGO_URL)');
  const refused = REFUSED_CODES.get(n);
  if (refused) return storeRefused(refused);
  const retry = TRANSIENT_CODES.get(n);
  if (retry) return transient(retry);
  const record = RECORD_CODES.get(n);
  if (record || perItem) return recordRejected(record ?? String(code));
  return storeRefused(String(code ?? 'unknown'));
}

/**
 * Classifies a mongodb driver error: network, server selection, closed topology, not connected,
 * write concern and `RetryableWriteError`-labelled errors → transient; a `MongoServerError` by its
 * code ({@link classifyMongoCode}); a document the driver cannot serialize (`BSONError`,
 * `TypeError`, `RangeError`) → record-rejected; anything else → transient.
 */
export function classifyMongoError(error: unknown): StoreFailure {
  if (error instanceof StoreFailureError) return error.failure;
  if (error instanceof MongoServerError) {
    const byCode = classifyMongoCode(error.code, false);
    if (byCode.kind !== 'store-refused' || REFUSED_CODES.has(Number(error.code))) return byCode;
    return error.hasErrorLabel('RetryableWriteError') ? transient(String(error.codeName ?? error.code)) : storeRefused(String(error.codeName ?? error.code));
  }
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError || error instanceof MongoTopologyClosedError || error instanceof MongoNotConnectedError || error instanceof MongoWriteConcernError) {
    return transient(error.name);
  }
  if (error instanceof BSON.BSONError || error instanceof TypeError || error instanceof RangeError) return recordRejected(error.name);
  if (error instanceof MongoError && error.hasErrorLabel('RetryableWriteError')) return transient(error.name);
  return transient((error as NodeJS.ErrnoException)?.code ?? (error as Error)?.name ?? 'unknown');
}
