import { FeedCheckpoint, SourceIdentity } from './feed-checkpoint';
import { Pacer } from './pacer';
import { Scheduler, SinkRecord } from './record-sink';
import { commitWithRecovery } from './commit-with-recovery';

/**
 * A sink that commits lines in transactions together with their checkpoint (the Kafka
 * transactional producer in the app, a fake in tests).
 */
export interface TransactionalLineSink {
  /**
   * Publishes `records` to `topic` and the checkpoint in one transaction; resolves once committed.
   * @param deadlineMs epoch ms after which the attempt is abandoned (it then throws)
   */
  commit(topic: string, records: readonly SinkRecord[], checkpoint: FeedCheckpoint, deadlineMs: number): Promise<void>;
  /**
   * After a failed commit: replaces the producer (fencing the failed one, so its transaction is
   * committed or aborted for good) and reads the committed checkpoint of the source.
   */
  recover(deadlineMs: number): Promise<FeedCheckpoint | undefined>;
}

export interface TransactionalFeedOptions {
  topic: string;
  sink: TransactionalLineSink;
  scheduler: Scheduler;
  /** Id of this run, written into every checkpoint. */
  run: string;
  /** Stored beside the line count, checked by a resume. */
  identity: SourceIdentity;
  /** Index (0-based, counting on across repetitions) of the first line `lines` yields. */
  startLine: number;
  /** Lines per second; 0 = as fast as possible. */
  ratePerSecond: number;
  /** Most lines in one transaction. */
  transactionLines: number;
  /** Paced mode: at most one transaction per this interval (ms). Default 100. */
  commitIntervalMs?: number;
  /** How long one transaction may take, retries included, before the feed gives up (ms). */
  deliveryTimeoutMs: number;
  /** The reason an error cannot be cured by retrying (authorization, record too large), or undefined. */
  permanentError: (error: unknown) => string | undefined;
  signal?: AbortSignal;
  onProgress?: (committedLine: number) => void;
  onRetry?: (info: { attempt: number; error: unknown; remainingMs: number }) => void;
}

/** How a feed ended; `committedLine` is the index of the first line not known to be committed. */
export interface TransactionalFeedResult {
  status: 'done' | 'stopped' | 'gave-up';
  startLine: number;
  committedLine: number;
  /** Lines after `committedLine` whose transaction failed without an answer: committed or not, a `--resume` finds out. */
  inDoubt: number;
  error?: unknown;
  seconds: number;
}

/**
 * Feeds lines in Kafka transactions, each carrying the checkpoint "`line` lines committed", so a
 * read_committed consumer sees every line once and a later run can continue after the checkpoint.
 *
 * A failed transaction is retried with capped backoff (0.2 s … 5 s) until `deliveryTimeoutMs`
 * after its first attempt, like Kafka's `delivery.timeout.ms`: the sink is recovered (a new
 * producer fences the old one) and the committed checkpoint tells whether the lost transaction
 * went through; the same lines are then sent again only when it did not. After an outage the
 * pacing restarts at `ratePerSecond` (no burst to catch up). Gives up at once on a permanent
 * error, or when the checkpoint moved in a way this run cannot explain (another producer feeds the
 * same source).
 */
export async function feedLinesTransactionally(lines: AsyncIterable<string> | Iterable<string>, o: TransactionalFeedOptions): Promise<TransactionalFeedResult> {
  const started = o.scheduler.now();
  const iterator = toAsyncIterator(lines);
  const interval = o.commitIntervalMs ?? 100;
  let pacer = new Pacer(o.ratePerSecond, started);
  let pacedSent = 0;
  let lastCommitAt = -Infinity;
  let committed = o.startLine;
  const result = (status: TransactionalFeedResult['status'], extra: Partial<TransactionalFeedResult> = {}): TransactionalFeedResult => ({
    status, startLine: o.startLine, committedLine: committed, inDoubt: 0, seconds: Math.max(0.001, (o.scheduler.now() - started) / 1000), ...extra,
  });

  for (;;) {
    if (o.signal?.aborted) return result('stopped');
    if (o.ratePerSecond > 0) {
      const now = o.scheduler.now();
      await o.scheduler.sleep(Math.max(pacer.waitFor(pacedSent, now), lastCommitAt + interval - now, 0), o.signal);
      if (o.signal?.aborted) return result('stopped');
    }
    const want = o.ratePerSecond > 0 ? Math.min(o.transactionLines, Math.max(1, pacer.due(o.scheduler.now()) - pacedSent)) : o.transactionLines;
    const batch: string[] = [];
    let ended = false;
    while (batch.length < want) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      batch.push(next.value);
    }
    if (batch.length) {
      const checkpoint: FeedCheckpoint = { run: o.run, line: committed + batch.length, ...o.identity };
      const outcome = await commitWithRecovery({
        commit: (deadline) => {
          const ts = o.scheduler.now();
          return o.sink.commit(o.topic, batch.map((value) => ({ value, timestamp: ts })), checkpoint, deadline);
        },
        recover: async (deadline) => {
          const found = await o.sink.recover(deadline);
          const line = found?.run === o.run ? found.line : o.startLine;
          if (line === checkpoint.line) return 'committed';
          if (line !== committed) return { conflict: `the checkpoint of this feed is at line ${line}, expected ${committed} or ${checkpoint.line}: another producer feeds the same source` };
          return 'not-committed';
        },
        onResend: () => {
          pacer = new Pacer(o.ratePerSecond, o.scheduler.now());
          pacedSent = 0;
        },
        deliveryTimeoutMs: o.deliveryTimeoutMs,
        scheduler: o.scheduler,
        permanentError: o.permanentError,
        signal: o.signal,
        onRetry: o.onRetry,
      });
      if (outcome.status === 'conflict') return result('gave-up', { error: outcome.error });
      if (outcome.status !== 'committed') return result(outcome.status, { inDoubt: batch.length, error: outcome.error });
      committed = checkpoint.line;
      pacedSent += batch.length;
      lastCommitAt = o.scheduler.now();
      o.onProgress?.(committed);
    }
    if (ended) return result('done');
  }
}

function toAsyncIterator(lines: AsyncIterable<string> | Iterable<string>): AsyncIterator<string> | Iterator<string> {
  return Symbol.asyncIterator in lines ? (lines as AsyncIterable<string>)[Symbol.asyncIterator]() : (lines as Iterable<string>)[Symbol.iterator]();
}
