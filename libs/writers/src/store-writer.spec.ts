import { decoded, rejected } from '@sluice/contracts';
import type { BatchContext, ProducedRecord } from '@sluice/kafka';
import { createLogger, SluiceMetrics } from '@sluice/observability';
import type { StreamRecord } from '@sluice/streaming';
import type { StoreAdapter, VersionedUpsert, WriteRejection } from './store-adapter';
import type { StoreFailure, StoreFailureKind } from './store-failure';
import { StoreWriteStatus } from './store-write-status';
import { ResultDecoder, StoreWriter } from './store-writer';

/** An error of the in-memory store, carrying how the store's classification sees it. */
class MemoryError extends Error {
  constructor(readonly kind: StoreFailureKind, message: string) {
    super(message);
  }
}

/** An in-memory store that records each write call (our adapter interface, not a client mock). */
class MemoryStore implements StoreAdapter<number> {
  readonly store = 'memory';
  readonly rows = new Map<string, number>();
  readonly writes: string[][] = [];
  /** Thrown (as a transient error) by the next write calls while > 0. */
  failNext = 0;
  /** While set, every write fails with this store-level refusal (e.g. out of memory). */
  refusing: string | undefined;
  onWrite: () => void = () => undefined;
  onFail: () => void = () => undefined;
  async connect() {}
  async write(items: readonly VersionedUpsert<number>[]): Promise<WriteRejection[]> {
    if (this.failNext > 0) {
      this.failNext--;
      this.onFail();
      throw new MemoryError('transient', 'down');
    }
    if (this.refusing) {
      this.onFail();
      throw new MemoryError('store-refused', this.refusing);
    }
    // Like QuestDB's answer to a time it cannot hold: one such value fails the whole request.
    if (items.some((i) => i.value >= 1000)) throw new MemoryError('record-rejected', 'value too large');
    this.writes.push(items.map((i) => i.key));
    const refused: WriteRejection[] = [];
    for (const i of items) {
      if (i.value < 0) refused.push({ record: i.record, reason: 'not-writable', detail: 'negative' });
      else this.rows.set(i.key, i.value);
    }
    this.onWrite();
    return refused;
  }
  async ping() {
    return true;
  }
  classify(e: unknown): StoreFailure {
    return e instanceof MemoryError ? { kind: e.kind, code: e.message.split(' ')[0] } : { kind: 'transient', code: 'unknown' };
  }
  async close() {}
}

const batch = (...kv: Array<[string, number | null]>): StreamRecord[] =>
  kv.map(([key, value], i) => ({
    topic: 't',
    partition: 0,
    offset: String(i),
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(String(value)),
    timestamp: 0,
    headers: {},
  }));
const decode: ResultDecoder<number> = (r) => (r.value ? decoded({ key: r.key!.toString(), value: Number(r.value.toString()) }) : rejected('null-value', 'no value'));

function setup(batchSize: number) {
  const store = new MemoryStore();
  const dlq: Array<{ topic: string; keys: string[] }> = [];
  const metrics = new SluiceMetrics('test-writer');
  const status = new StoreWriteStatus(store.store, () => store.ping(), metrics.registry);
  const sleeps: number[] = [];
  let onSleep: (n: number) => void = () => undefined;
  const writer = new StoreWriter<number>({
    adapter: store,
    decoders: new Map([['t', decode]]),
    dlq: { send: async (topic: string, records: readonly ProducedRecord[]) => void dlq.push({ topic, keys: records.map((r) => String(r.key)) }) },
    service: 'test-writer',
    batchSize,
    retryInitialMs: 1,
    retryMaxMs: 1,
    logger: createLogger('test', 'silent'),
    metrics,
    status,
    sleep: async (ms) => {
      sleeps.push(ms);
      onSleep(sleeps.length);
    },
  });
  const state = { running: true, heartbeats: 0, heartbeatError: undefined as Error | undefined };
  const ctx: BatchContext = {
    isRunning: () => state.running,
    heartbeat: async () => {
      state.heartbeats++;
      if (state.heartbeatError) throw state.heartbeatError;
    },
  };
  return { store, dlq, writer, state, ctx, metrics, status, sleeps, whenSleeping: (f: (n: number) => void) => void (onSleep = f) };
}

describe(StoreWriter.name, () => {
  it('writes the newest value per key in slices of batchSize and reports the whole batch handled', async () => {
    const { store, writer, ctx, dlq } = setup(2);
    const records = batch(['a', 1], ['b', 2], ['a', 3], ['c', 4], ['d', 5], ['e', 6]);
    await expect(writer.handle(records, ctx)).resolves.toBe(6);
    expect(store.writes).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(Object.fromEntries(store.rows)).toEqual({ a: 3, b: 2, c: 4, d: 5, e: 6 });
    expect(dlq).toEqual([]);
  });

  it('writes a batch no larger than batchSize in one call, poison and undecodable records to the DLQ', async () => {
    const { store, writer, ctx, dlq } = setup(10);
    await expect(writer.handle(batch(['a', 1], ['x', null], ['b', -1]), ctx)).resolves.toBe(3);
    expect(store.writes).toEqual([['a', 'b']]);
    expect(dlq).toEqual([{ topic: 't.dlq', keys: ['x', 'b'] }]);
  });

  it('stops after the current slice when the consumer stops, and reports only the handled prefix', async () => {
    const { store, writer, ctx, dlq, state } = setup(2);
    store.onWrite = () => void (state.running = false);
    // positions: 0 a, 1 x(bad), 2 b, 3 c, 4 a, 5 y(bad), 6 d
    const records = batch(['a', 1], ['x', null], ['b', 2], ['c', 3], ['a', 4], ['y', null], ['d', 5]);
    // the first slice writes a (newest 4) and b; c (first at 3) is not written: records 0..2 are handled
    await expect(writer.handle(records, ctx)).resolves.toBe(3);
    expect(store.writes).toEqual([['a', 'b']]);
    expect(Object.fromEntries(store.rows)).toEqual({ a: 4, b: 2 });
    expect(dlq).toEqual([{ topic: 't.dlq', keys: ['x'] }]); // y is after the prefix: fetched again
  });

  it('stops between slices when a heartbeat fails (a rebalance began)', async () => {
    const { store, writer, ctx, state } = setup(1);
    state.heartbeatError = new Error('The group is rebalancing, so a rejoin is needed');
    await expect(writer.handle(batch(['a', 1], ['b', 2], ['c', 3]), ctx)).resolves.toBe(1);
    expect(store.writes).toEqual([['a']]);
    expect(state.heartbeats).toBe(1);
  });

  it('keeps the written slices when it stops during a retry, and commits nothing when none was written', async () => {
    const first = setup(1);
    // slice a is written, then the store goes down and the writer is stopped while it waits to retry b
    first.store.onWrite = () => void (first.store.failNext = 1);
    first.store.onFail = () => void (first.state.running = false);
    await expect(first.writer.handle(batch(['a', 1], ['b', 2]), first.ctx)).resolves.toBe(1);
    expect(first.store.writes).toEqual([['a']]);

    const second = setup(1);
    second.store.failNext = 1;
    second.store.onFail = () => void (second.state.running = false);
    await expect(second.writer.handle(batch(['a', 1]), second.ctx)).rejects.toThrow(/writer stopping during a retry/);
    expect(second.store.writes).toEqual([]);
  });

  describe('handle', () => {
    it('pauses while the store refuses every write: nothing to the DLQ, the batch not handled until it accepts, then writes all of it', async () => {
      const { store, writer, ctx, dlq, status, sleeps, whenSleeping, metrics } = setup(2);
      store.refusing = "OOM command not allowed when used memory > 'maxmemory'.";
      const seen: Array<{ up: boolean; detail?: string }> = [];
      whenSleeping(async (n) => {
        seen.push(await status.check());
        if (n === 5) store.refusing = undefined; // the operator raised maxmemory
      });
      const handled = writer.handle(batch(['a', 1], ['b', 2], ['c', 3]), ctx);
      await expect(handled).resolves.toBe(3);
      expect(sleeps).toHaveLength(5);
      expect(dlq).toEqual([]);
      expect(Object.fromEntries(store.rows)).toEqual({ a: 1, b: 2, c: 3 });
      expect(seen[0]).toEqual({ up: false, detail: expect.stringMatching(/^memory refuses writes \(OOM\): OOM command not allowed/) });
      expect(await status.check()).toEqual({ up: true });
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/sluice_store_refusals_total\{store="memory",code="OOM"[^}]*\} 5/);
      expect(text).toMatch(/sluice_store_retries_total\{store="memory"[^}]*\} 5/);
      expect(text).toMatch(/sluice_store_paused\{store="memory"[^}]*\} 0/);
    });

    it('reports the writer paused in the gauge while it waits', async () => {
      const { store, writer, ctx, metrics, whenSleeping } = setup(10);
      store.refusing = 'NOPERM this user has no permissions';
      let gauge = '';
      whenSleeping(async () => {
        gauge = (await metrics.registry.getSingleMetricAsString('sluice_store_paused')).split('\n').pop()!;
        store.refusing = undefined;
      });
      await expect(writer.handle(batch(['a', 1]), ctx)).resolves.toBe(1);
      expect(gauge).toMatch(/sluice_store_paused\{store="memory"[^}]*\} 1/);
    });

    it('commits nothing when the writer stops while the store refuses', async () => {
      const { store, writer, ctx, dlq, state } = setup(10);
      store.refusing = 'READONLY You can\'t write against a read only replica.';
      store.onFail = () => void (state.running = false);
      await expect(writer.handle(batch(['a', 1], ['b', 2]), ctx)).rejects.toThrow(/writer stopping during a retry/);
      expect(dlq).toEqual([]);
      expect(store.rows.size).toBe(0);
    });

    it('isolates a batch the store rejects for one value and dead-letters only that item', async () => {
      const { store, writer, ctx, dlq, sleeps } = setup(10);
      await expect(writer.handle(batch(['a', 1], ['big', 5000], ['b', 2]), ctx)).resolves.toBe(3);
      expect(Object.fromEntries(store.rows)).toEqual({ a: 1, b: 2 });
      expect(dlq).toEqual([{ topic: 't.dlq', keys: ['big'] }]);
      expect(sleeps).toEqual([]); // a rejected value is not an outage: no retry
    });

    it('switches back to pausing when the store starts refusing while a batch is isolated, and dead-letters nothing else', async () => {
      const { store, writer, ctx, dlq, whenSleeping } = setup(10);
      // a's own write succeeds, then the store refuses everything until the third retry
      store.onWrite = () => {
        if (store.rows.has('a') && store.rows.size === 1) store.refusing = 'OOM command not allowed';
      };
      whenSleeping((n) => {
        if (n === 3) store.refusing = undefined;
      });
      await expect(writer.handle(batch(['a', 1], ['big', 5000], ['b', 2], ['c', 3]), ctx)).resolves.toBe(4);
      expect(Object.fromEntries(store.rows)).toEqual({ a: 1, b: 2, c: 3 });
      expect(dlq).toEqual([{ topic: 't.dlq', keys: ['big'] }]);
    });
  });
});
