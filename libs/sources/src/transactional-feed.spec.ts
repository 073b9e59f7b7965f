import { FeedCheckpoint } from './feed-checkpoint';
import { Scheduler, SinkRecord } from './record-sink';
import { feedLinesTransactionally, TransactionalFeedOptions, TransactionalLineSink } from './transactional-feed';

class ManualScheduler implements Scheduler {
  t = 1_000_000;
  now = () => this.t;
  sleep = async (ms: number) => {
    this.t += ms;
  };
}

/** A broker in memory: commits are atomic; `failures` scripts what the next commits do. */
class FakeTransactions implements TransactionalLineSink {
  committed: string[] = [];
  checkpoint: FeedCheckpoint | undefined;
  commits = 0;
  recovers = 0;
  /** 'refuse' = fails before committing; 'lose-answer' = commits, then fails (the answer is lost). */
  failures: Array<'ok' | 'refuse' | 'lose-answer'> = [];
  /** Recoveries that fail (the broker is still down). */
  failingRecovers = 0;

  constructor(private readonly scheduler: ManualScheduler, private readonly error: unknown = new Error('Request Produce timed out')) {}

  async commit(_topic: string, records: readonly SinkRecord[], checkpoint: FeedCheckpoint): Promise<void> {
    this.commits++;
    const failure = this.failures.shift();
    if (failure === 'refuse') throw this.error;
    this.committed.push(...records.map((r) => String(r.value)));
    this.checkpoint = checkpoint;
    if (failure === 'lose-answer') throw this.error;
  }

  async recover(): Promise<FeedCheckpoint | undefined> {
    this.recovers++;
    this.scheduler.t += 1000;
    if (this.failingRecovers > 0) {
      this.failingRecovers--;
      throw new Error('connect ECONNREFUSED');
    }
    return this.checkpoint;
  }
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`);

function options(sink: TransactionalLineSink, scheduler: Scheduler, o: Partial<TransactionalFeedOptions> = {}): TransactionalFeedOptions {
  return {
    topic: 'text-lines', sink, scheduler, run: 'run-1', identity: { size: 10, mtimeMs: 5 }, startLine: 0, ratePerSecond: 0,
    transactionLines: 3, deliveryTimeoutMs: 60000, permanentError: () => undefined, ...o,
  };
}

describe(feedLinesTransactionally.name, () => {
  describe('without failures', () => {
    it('commits at most transactionLines per transaction, each with the checkpoint of its last line', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      const progress: number[] = [];
      const r = await feedLinesTransactionally(lines(7), options(sink, scheduler, { onProgress: (l) => progress.push(l) }));
      expect(sink.committed).toEqual(lines(7));
      expect(sink.commits).toBe(3);
      expect(progress).toEqual([3, 6, 7]);
      expect(sink.checkpoint).toEqual({ run: 'run-1', line: 7, size: 10, mtimeMs: 5 });
      expect(r).toMatchObject({ status: 'done', startLine: 0, committedLine: 7, inDoubt: 0 });
    });

    it('counts from startLine (a resumed run)', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      const r = await feedLinesTransactionally(['l5', 'l6'], options(sink, scheduler, { startLine: 5 }));
      expect(sink.checkpoint?.line).toBe(7);
      expect(r).toMatchObject({ status: 'done', startLine: 5, committedLine: 7 });
    });

    it('paces transactions: at the rate, one per commit interval at most', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      const t0 = scheduler.t;
      await feedLinesTransactionally(lines(100), options(sink, scheduler, { ratePerSecond: 100, transactionLines: 1000, commitIntervalMs: 100 }));
      expect(sink.committed).toEqual(lines(100));
      expect(scheduler.t - t0).toBeGreaterThanOrEqual(990);
      expect(sink.commits).toBeLessThanOrEqual(11);
      expect(sink.commits).toBeGreaterThanOrEqual(9);
    });
  });

  describe('when a transaction fails', () => {
    it('sends the lines again after a refused commit, once', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      sink.failures = ['refuse', 'refuse'];
      const retries: number[] = [];
      const r = await feedLinesTransactionally(lines(5), options(sink, scheduler, { onRetry: (i) => retries.push(i.attempt) }));
      expect(sink.committed).toEqual(lines(5));
      expect(retries).toEqual([1, 2]);
      expect(r).toMatchObject({ status: 'done', committedLine: 5 });
    });

    it('does not send the lines again when the lost answer was a commit (the checkpoint says so)', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      sink.failures = ['lose-answer'];
      const r = await feedLinesTransactionally(lines(5), options(sink, scheduler));
      expect(sink.committed).toEqual(lines(5));
      expect(sink.recovers).toBe(1);
      expect(r).toMatchObject({ status: 'done', committedLine: 5 });
    });

    it('ignores the checkpoint of an earlier run (a new run from line 0 over an old checkpoint)', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      sink.checkpoint = { run: 'old-run', line: 40, size: 10, mtimeMs: 5 };
      sink.failures = ['refuse'];
      const r = await feedLinesTransactionally(lines(2), options(sink, scheduler));
      expect(sink.committed).toEqual(lines(2));
      expect(r).toMatchObject({ status: 'done', committedLine: 2 });
    });

    it('waits out an outage shorter than the delivery timeout, recovery after recovery', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      sink.failures = ['refuse'];
      sink.failingRecovers = 20;
      const r = await feedLinesTransactionally(lines(4), options(sink, scheduler, { deliveryTimeoutMs: 300000 }));
      expect(sink.recovers).toBe(21);
      expect(sink.committed).toEqual(lines(4));
      expect(r.status).toBe('done');
    });

    it('gives up after the delivery timeout with the committed line and the lines in doubt', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      sink.failures = ['ok', 'refuse'];
      sink.failingRecovers = 1000;
      const r = await feedLinesTransactionally(lines(7), options(sink, scheduler, { deliveryTimeoutMs: 30000 }));
      expect(sink.committed).toEqual(lines(3));
      expect(r).toMatchObject({ status: 'gave-up', committedLine: 3, inDoubt: 3 });
      expect((r.error as Error).message).toBe('connect ECONNREFUSED');
    });

    it('gives up at once on a permanent error', async () => {
      const scheduler = new ManualScheduler();
      const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
      const sink = new FakeTransactions(scheduler, tooLarge);
      sink.failures = ['refuse'];
      const r = await feedLinesTransactionally(lines(5), options(sink, scheduler, { permanentError: (e) => (e as { type?: string }).type }));
      expect(sink.commits).toBe(1);
      expect(sink.recovers).toBe(0);
      expect(r).toMatchObject({ status: 'gave-up', committedLine: 0, error: tooLarge });
    });

    it('gives up when the checkpoint moved elsewhere (another producer feeds the source)', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      sink.failures = ['refuse'];
      sink.recover = async () => ({ run: 'run-1', line: 99, size: 10, mtimeMs: 5 });
      const r = await feedLinesTransactionally(lines(5), options(sink, scheduler));
      expect(r.status).toBe('gave-up');
      expect((r.error as Error).message).toMatch(/at line 99, expected 0 or 3/);
    });
  });

  describe('when stopped', () => {
    it('stops between transactions, reporting what was committed', async () => {
      const scheduler = new ManualScheduler();
      const sink = new FakeTransactions(scheduler);
      const stop = new AbortController();
      const r = await feedLinesTransactionally(lines(9), options(sink, scheduler, { signal: stop.signal, onProgress: (l) => l >= 3 && stop.abort() }));
      expect(sink.committed).toEqual(lines(3));
      expect(r).toMatchObject({ status: 'stopped', committedLine: 3, inDoubt: 0 });
    });
  });
});
