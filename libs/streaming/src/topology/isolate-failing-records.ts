import type { KeyValueStore } from '../state/key-value-store';

/** A record {@link isolateFailingRecords} took out of the batch, with the error it caused. */
export interface IsolatedFailure<T> {
  record: T;
  error: unknown;
}

/** What {@link isolateFailingRecords} kept: the result of the batch without the failing records. */
export interface IsolatedBatch<T, R> {
  result: R;
  /** Records taken out, in input order of discovery; empty when the whole batch ran. */
  failures: Array<IsolatedFailure<T>>;
}

/** Thrown by {@link isolateFailingRecords} when the batch fails even without any record. */
export class BatchFailedWithoutRecordsError extends Error {
  override readonly name = 'BatchFailedWithoutRecordsError';
}

/**
 * Runs a stateful batch so that one failing record cannot stall it: `run(records)` is called
 * once; when it throws, the stores are rolled back to their state before the batch and the
 * records that make it throw are found and taken out, then the batch runs once more without them.
 * The state therefore never holds a half-applied batch, and the kept result is exactly what
 * `run` gives for the batch minus the failing records (a window sees every good record of the
 * batch in one call, as without a failure).
 *
 * Search: a binary search over prefixes of the batch finds the shortest failing prefix; its last
 * record is taken out (so a record is blamed only if adding it to records that succeed makes the
 * batch fail). Known-good prefixes are kept between rounds, so `k` failing records in a batch of
 * `n` cost about `k · log2(n)` trial runs, each rolled back.
 *
 * @param stores every store `run` may change; each gets a savepoint for the duration of the call
 * @param run processes a batch (decoded records) and returns its outputs; it may throw
 * @throws BatchFailedWithoutRecordsError (with the error as `cause`) when `run` throws even for
 *   an empty batch: no record is to blame (the stores are rolled back)
 */
export function isolateFailingRecords<T, R>(stores: readonly KeyValueStore<unknown>[], records: readonly T[], run: (records: readonly T[]) => R): IsolatedBatch<T, R> {
  for (const s of stores) s.savepoint();
  const rollback = () => {
    for (const s of stores) s.rollback();
  };
  const attempt = (batch: readonly T[]): { ok: true; result: R } | { ok: false; error: unknown } => {
    try {
      return { ok: true, result: run(batch) };
    } catch (error) {
      rollback();
      return { ok: false, error };
    }
  };
  try {
    let kept = [...records];
    let last = attempt(kept);
    const failures: Array<IsolatedFailure<T>> = [];
    let goodPrefix = -1; // longest prefix known to succeed; -1: not known yet whether the empty batch does
    while (!last.ok) {
      const empty = kept.length === 0 ? last : goodPrefix < 0 ? trial(attempt, rollback, []) : { ok: true as const };
      if (!empty.ok) throw new BatchFailedWithoutRecordsError('the batch fails even without any record', { cause: empty.error });
      // A prefix that succeeded before is trusted; if `run` is not deterministic, the last record is blamed.
      let lo = Math.max(0, Math.min(goodPrefix, kept.length - 1));
      let hi = kept.length;
      let error = last.error;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        const t = trial(attempt, rollback, kept.slice(0, mid));
        if (t.ok) lo = mid;
        else [hi, error] = [mid, t.error];
      }
      failures.push({ record: kept[lo], error });
      kept = [...kept.slice(0, lo), ...kept.slice(lo + 1)];
      goodPrefix = lo;
      last = attempt(kept);
    }
    return { result: last.result, failures };
  } finally {
    for (const s of stores) s.releaseSavepoint();
  }
}

/** Runs an attempt only to learn whether it succeeds: its changes are always rolled back. */
function trial<T, R>(attempt: (b: readonly T[]) => { ok: true; result: R } | { ok: false; error: unknown }, rollback: () => void, batch: readonly T[]) {
  const r = attempt(batch);
  if (r.ok) rollback();
  return r;
}
