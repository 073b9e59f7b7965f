import { decoded, rejected } from '@sluice/contracts';
import type { BatchContext, ProducedRecord } from '@sluice/kafka';
import { createLogger, SluiceMetrics } from '@sluice/observability';
import type { StreamRecord } from '@sluice/streaming';
import type { StoreAdapter, VersionedUpsert, WriteRejection } from './store-adapter';
import { ResultDecoder, StoreWriter } from './store-writer';

/** An in-memory store that records each write call (our adapter interface, not a client mock). */
class MemoryStore implements StoreAdapter<number> {
  readonly store = 'memory';
  readonly rows = new Map<string, number>();
  readonly writes: string[][] = [];
  /** Thrown (as a transient error) by the next write calls while > 0. */
  failNext = 0;
  onWrite: () => void = () => undefined;
  onFail: () => void = () => undefined;
  async connect() {}
  async write(items: readonly VersionedUpsert<number>[]): Promise<WriteRejection[]> {
    if (this.failNext > 0) {
      this.failNext--;
      this.onFail();
      throw new Error('down');
    }
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
  isTransient(e: unknown) {
    return (e as Error).message === 'down';
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
  const writer = new StoreWriter<number>({
    adapter: store,
    decoders: new Map([['t', decode]]),
    dlq: { send: async (topic: string, records: readonly ProducedRecord[]) => void dlq.push({ topic, keys: records.map((r) => String(r.key)) }) },
    service: 'test-writer',
    batchSize,
    retryInitialMs: 1,
    retryMaxMs: 1,
    logger: createLogger('test', 'silent'),
    metrics: new SluiceMetrics('test-writer'),
    sleep: async () => undefined,
  });
  const state = { running: true, heartbeats: 0, heartbeatError: undefined as Error | undefined };
  const ctx: BatchContext = {
    isRunning: () => state.running,
    heartbeat: async () => {
      state.heartbeats++;
      if (state.heartbeatError) throw state.heartbeatError;
    },
  };
  return { store, dlq, writer, state, ctx };
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
});
