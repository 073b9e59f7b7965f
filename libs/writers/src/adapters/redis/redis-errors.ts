import { ReplyError } from 'ioredis';
import { recordRejected, StoreFailure, StoreFailureError, storeRefused, transient } from '../../store-failure';

/** Reply codes of a server that is busy or catching up: retry. */
const TRANSIENT_CODES = new Set(['LOADING', 'BUSY', 'TRYAGAIN', 'CLUSTERDOWN', 'MASTERDOWN', 'NOSCRIPT']);
/** Reply codes about the command or its value (a script error, a key of another type): isolate the item. */
const RECORD_CODES = new Set(['ERR', 'WRONGTYPE']);

/**
 * Classifies an ioredis error. A `ReplyError` is the server's answer; its code is the first word
 * of the reply (Redis' protocol error prefix, also inside a script: `OOM ... script: ...`):
 * - `LOADING`, `BUSY`, `TRYAGAIN`, `CLUSTERDOWN`, `MASTERDOWN`, `NOSCRIPT` → transient;
 * - `ERR`, `WRONGTYPE` → record-rejected (the command or its value);
 * - every other code → store-refused: `OOM`, `NOAUTH`, `WRONGPASS`, `NOPERM`, `READONLY`,
 *   `MISCONF`, `NOREPLICAS`, and codes this list does not know yet (waiting out an unknown
 *   refusal loses nothing; dead-lettering it could lose the stream).
 * Any other error is the client's: a value it cannot send (`TypeError`, `RangeError`) is
 * record-rejected; everything else (`MaxRetriesPerRequestError`, socket errors, a closed or
 * unwritable connection) means the server did not answer: transient.
 */
export function classifyRedisError(error: unknown): StoreFailure {
  if (error instanceof StoreFailureError) return error.failure;
  if (error instanceof ReplyError) {
    const code = (error as Error).message.split(' ', 1)[0];
    if (TRANSIENT_CODES.has(code)) return transient(code);
    if (RECORD_CODES.has(code)) return recordRejected(code);
    return storeRefused(code);
  }
  if (error instanceof TypeError || error instanceof RangeError) return recordRejected(error.name);
  const code = (error as NodeJS.ErrnoException)?.code;
  return transient(typeof code === 'string' ? code : (error as Error)?.name ?? 'unknown');
}
