import { createLogger } from '@sluice/observability';
import { connectStore } from './connect-store';
import type { StoreAdapter } from './store-adapter';
import { storeRefused, StoreFailure, transient } from './store-failure';

/** A store whose connect() fails with the given failures in turn, then succeeds. */
class FlakyStore implements StoreAdapter<unknown> {
  readonly store = 'flaky';
  connects = 0;
  closes = 0;
  constructor(private readonly failures: StoreFailure[]) {}
  async connect() {
    const failure = this.failures[this.connects++];
    if (failure) throw Object.assign(new Error(`refused at redis://user:hunter2@host:1 (${failure.code})`), { failure });
  }
  async write() {
    return [];
  }
  async ping() {
    return true;
  }
  classify(e: unknown): StoreFailure {
    return (e as { failure: StoreFailure }).failure;
  }
  async close() {
    this.closes++;
  }
}

describe(connectStore.name, () => {
  const log = createLogger('test', 'silent');

  it('waits out a store that is down or refusing, closing the half-open client between attempts', async () => {
    const store = new FlakyStore([transient('ECONNREFUSED'), storeRefused('unauthorized'), transient('NoHostAvailable')]);
    const sleeps: number[] = [];
    await connectStore(store, { retryInitialMs: 100, retryMaxMs: 1000, sleep: async (ms) => void sleeps.push(ms) }, log);
    expect(store.connects).toBe(4);
    expect(store.closes).toBe(3);
    expect(sleeps).toHaveLength(3);
  });

  it('stops at once when the store refuses the credentials, naming what to check and keeping the driver error as cause', async () => {
    const store = new FlakyStore([storeRefused('badCredentials', 'Flaky refused the credentials (check FLAKY_USER, FLAKY_PASSWORD)')]);
    const sleeps: number[] = [];
    const error = (await connectStore(store, { retryInitialMs: 100, retryMaxMs: 1000, sleep: async (ms) => void sleeps.push(ms) }, log).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('could not connect to flaky: Flaky refused the credentials (check FLAKY_USER, FLAKY_PASSWORD)');
    expect(error.cause).toBeInstanceOf(Error);
    expect(store.connects).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('logs each retry with the URL credentials masked', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'warn');
    const spy = jest.spyOn(logger, 'warn').mockImplementation(((obj: object, msg: string) => void lines.push(JSON.stringify(obj) + msg)) as never);
    await connectStore(new FlakyStore([transient('ECONNREFUSED')]), { retryInitialMs: 1, retryMaxMs: 1, sleep: async () => undefined }, logger);
    spy.mockRestore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('redis://***@host:1');
    expect(lines[0]).not.toContain('hunter2');
  });
});
