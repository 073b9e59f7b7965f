import { Scheduler } from './record-sink';
import { retryDelayMs } from './retry-delay';

/**
 * What a recovery found out about a transaction whose commit failed without a clear answer:
 * the committed checkpoint says it went through (`committed`), it did not (`not-committed`, send
 * it again), or the checkpoint is somewhere this producer cannot explain (`{ conflict }`: another
 * producer writes the same source).
 */
export type RecoveredCommit = 'committed' | 'not-committed' | { conflict: string };

export interface CommitWithRecoveryOptions {
  /** Sends and commits the transaction. @param deadlineMs epoch ms after which the attempt is abandoned */
  commit(deadlineMs: number): Promise<void>;
  /**
   * After a failed commit: replaces the producer (fencing the failed one, so its transaction is
   * committed or aborted for good) and reads the committed checkpoint to classify the commit.
   */
  recover(deadlineMs: number): Promise<RecoveredCommit>;
  /** How long the transaction may take, retries included (ms), from the first attempt. */
  deliveryTimeoutMs: number;
  scheduler: Scheduler;
  /** The reason an error cannot be cured by retrying (authorization, record too large), or undefined. */
  permanentError: (error: unknown) => string | undefined;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; error: unknown; remainingMs: number }) => void;
  /** Called before the transaction is sent again (a recovery found it not committed). */
  onResend?: () => void;
}

/**
 * How a transaction ended: committed (by an attempt, or found committed by a recovery); given up
 * or stopped with its fate unknown (`inDoubt`: a later run's checkpoint read tells); or refused
 * because the checkpoint moved elsewhere (`conflict`, the transaction is known not committed).
 */
export type CommitOutcome =
  | { status: 'committed' }
  | { status: 'gave-up' | 'stopped'; error: unknown; inDoubt: true }
  | { status: 'conflict'; error: Error };

/**
 * Commits one transaction of a feed, curing transient failures, as Kafka's `delivery.timeout.ms`
 * bounds a send: a failed attempt is followed by recoveries with capped backoff (`retryDelayMs`:
 * 0.2 s … 5 s) until one answers; when it says the transaction was not committed it is sent again.
 * Gives up at once on a permanent error, and after `deliveryTimeoutMs` from the first attempt.
 *
 * The caller's `recover` must fence the failed producer before reading the checkpoint (a new
 * producer with the same transactional id does), otherwise a late commit could follow the read.
 */
export async function commitWithRecovery(o: CommitWithRecoveryOptions): Promise<CommitOutcome> {
  const deadline = o.scheduler.now() + o.deliveryTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await o.commit(deadline);
      return { status: 'committed' };
    } catch (error) {
      const recovered = await recoverAfter(error, attempt);
      if ('status' in recovered) return recovered;
      if (recovered.found === 'committed') return { status: 'committed' };
      if (recovered.found !== 'not-committed') return { status: 'conflict', error: new Error(recovered.found.conflict, { cause: error }) };
      o.onResend?.();
    }
  }

  /** Retries recovery until it answers or the deadline passes. */
  async function recoverAfter(error: unknown, attempt: number): Promise<{ found: RecoveredCommit } | Exclude<CommitOutcome, { status: 'committed' | 'conflict' }>> {
    let last = error;
    for (let n = attempt; ; n++) {
      if (o.permanentError(last)) return { status: 'gave-up', error: last, inDoubt: true };
      const remainingMs = deadline - o.scheduler.now();
      if (remainingMs <= 0) return { status: 'gave-up', error: last, inDoubt: true };
      o.onRetry?.({ attempt: n, error: last, remainingMs });
      await o.scheduler.sleep(Math.min(retryDelayMs(n), remainingMs), o.signal);
      if (o.signal?.aborted) return { status: 'stopped', error: last, inDoubt: true };
      try {
        return { found: await o.recover(deadline) };
      } catch (e) {
        last = e;
      }
    }
  }
}
