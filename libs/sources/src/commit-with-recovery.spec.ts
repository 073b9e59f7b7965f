import { commitWithRecovery, CommitWithRecoveryOptions, RecoveredCommit } from './commit-with-recovery';
import { Scheduler } from './record-sink';

class ManualScheduler implements Scheduler {
  t = 0;
  now = () => this.t;
  sleep = async (ms: number) => {
    this.t += ms;
  };
}

/** Scripted commits and recoveries: each entry is what the next call does. */
function scripted(commits: Array<'ok' | Error>, recoveries: Array<RecoveredCommit | Error>, o: Partial<CommitWithRecoveryOptions> = {}) {
  const scheduler = new ManualScheduler();
  const calls = { commits: 0, recoveries: 0, resends: 0, sleeps: [] as number[] };
  const options: CommitWithRecoveryOptions = {
    commit: async () => {
      calls.commits++;
      const next = commits.shift() ?? 'ok';
      if (next !== 'ok') throw next;
    },
    recover: async () => {
      calls.recoveries++;
      const next = recoveries.shift() ?? 'not-committed';
      if (next instanceof Error) throw next;
      return next;
    },
    onResend: () => calls.resends++,
    deliveryTimeoutMs: 60000,
    scheduler: { now: scheduler.now, sleep: async (ms) => (calls.sleeps.push(ms), scheduler.sleep(ms)) },
    permanentError: () => undefined,
    ...o,
  };
  return { options, calls, scheduler };
}

describe(commitWithRecovery.name, () => {
  it('commits at the first attempt without recovering', async () => {
    const { options, calls } = scripted(['ok'], []);
    expect(await commitWithRecovery(options)).toEqual({ status: 'committed' });
    expect(calls).toMatchObject({ commits: 1, recoveries: 0, resends: 0 });
  });

  it('sends again when the recovery finds the transaction not committed', async () => {
    const { options, calls } = scripted([new Error('timeout'), 'ok'], ['not-committed']);
    expect(await commitWithRecovery(options)).toEqual({ status: 'committed' });
    expect(calls).toMatchObject({ commits: 2, recoveries: 1, resends: 1 });
  });

  it('does not send again when the recovery finds the lost answer was a commit', async () => {
    const { options, calls } = scripted([new Error('timeout')], ['committed']);
    expect(await commitWithRecovery(options)).toEqual({ status: 'committed' });
    expect(calls).toMatchObject({ commits: 1, recoveries: 1, resends: 0 });
  });

  it('backs off 200 ms, 400 ms, … between failed recoveries', async () => {
    const { options, calls } = scripted([new Error('down')], [new Error('refused'), new Error('refused'), 'committed']);
    expect(await commitWithRecovery(options)).toEqual({ status: 'committed' });
    expect(calls.sleeps).toEqual([200, 400, 800]);
  });

  it('reports a conflict with the commit error as its cause', async () => {
    const lost = new Error('timeout');
    const { options } = scripted([lost], [{ conflict: 'moved elsewhere' }]);
    const outcome = await commitWithRecovery(options);
    expect(outcome).toMatchObject({ status: 'conflict' });
    expect(outcome.status === 'conflict' && outcome.error.message).toBe('moved elsewhere');
    expect(outcome.status === 'conflict' && outcome.error.cause).toBe(lost);
  });

  it('gives up in doubt after the delivery timeout', async () => {
    const refused = new Error('refused');
    const { options, scheduler } = scripted([new Error('down')], Array.from({ length: 100 }, () => refused), { deliveryTimeoutMs: 10000 });
    expect(await commitWithRecovery(options)).toEqual({ status: 'gave-up', error: refused, inDoubt: true });
    expect(scheduler.t).toBe(10000);
  });

  it('gives up at once on a permanent error, without recovering', async () => {
    const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
    const { options, calls } = scripted([tooLarge], [], { permanentError: (e) => (e as { type?: string }).type });
    expect(await commitWithRecovery(options)).toEqual({ status: 'gave-up', error: tooLarge, inDoubt: true });
    expect(calls.recoveries).toBe(0);
  });

  it('stops when the signal is aborted during a back-off', async () => {
    const stop = new AbortController();
    const down = new Error('down');
    const { options } = scripted([down], [], { signal: stop.signal, onRetry: () => stop.abort() });
    expect(await commitWithRecovery(options)).toEqual({ status: 'stopped', error: down, inDoubt: true });
  });
});
