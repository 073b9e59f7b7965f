import type { BatchContext } from '@sluice/kafka';
import { withHeartbeats } from './heartbeats';

describe(withHeartbeats.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const context = (fail = false) => {
    const calls = { n: 0 };
    const ctx: BatchContext = {
      isRunning: () => true,
      heartbeat: async () => {
        calls.n++;
        if (fail) throw new Error('The coordinator is not aware of this member');
      },
    };
    return { ctx, calls };
  };

  it('heartbeats every tick while the work runs, and not after it', async () => {
    const { ctx, calls } = context();
    let finish!: (v: string) => void;
    const done = withHeartbeats(ctx, 1000, () => new Promise<string>((r) => (finish = r)));
    await jest.advanceTimersByTimeAsync(3500);
    expect(calls.n).toBe(3);
    finish('written');
    await expect(done).resolves.toBe('written');
    await jest.advanceTimersByTimeAsync(5000);
    expect(calls.n).toBe(3);
  });

  it('lets the work finish when heartbeats fail, and passes its rejection on', async () => {
    const { ctx, calls } = context(true);
    let fail!: (e: Error) => void;
    const done = withHeartbeats(ctx, 1000, () => new Promise<never>((_, reject) => (fail = reject)));
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls.n).toBe(2);
    fail(new Error('store down'));
    await expect(done).rejects.toThrow('store down');
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls.n).toBe(2);
  });

  it('does not heartbeat for work shorter than a tick', async () => {
    const { ctx, calls } = context();
    await expect(withHeartbeats(ctx, 1000, async () => 42)).resolves.toBe(42);
    await jest.advanceTimersByTimeAsync(3000);
    expect(calls.n).toBe(0);
  });
});
