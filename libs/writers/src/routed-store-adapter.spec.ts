import type { StreamRecord } from '@sluice/streaming';
import { RoutedStoreAdapter } from './routed-store-adapter';
import { StoreAdapter, VersionedUpsert, WriteRejection } from './store-adapter';
import { recordRejected, transient } from './store-failure';

/** A store part that records what it was asked to write (an in-memory store, not a client mock). */
class MemoryPart implements StoreAdapter<number> {
  readonly store = 'memory';
  readonly rows = new Map<string, number>();
  connected = false;
  constructor(readonly maxConcurrentBatches: number, private readonly refuse: (v: number) => boolean = () => false, private readonly failWith?: Error) {}
  async connect() {
    this.connected = true;
  }
  async write(items: readonly VersionedUpsert<number>[]): Promise<WriteRejection[]> {
    if (this.failWith) throw this.failWith;
    const refused: WriteRejection[] = [];
    for (const i of items) {
      if (this.refuse(i.value)) refused.push({ record: i.record, reason: 'not-writable', detail: 'refused' });
      else this.rows.set(i.key, i.value);
    }
    return refused;
  }
  async ping() {
    return this.connected;
  }
  classify(e: unknown) {
    return (e as Error).message === 'down' ? transient('down') : recordRejected('syntax');
  }
  async close() {
    this.connected = false;
  }
}

const record: StreamRecord = { topic: 't', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
const item = (topic: string, key: string, value: number): VersionedUpsert<unknown> => ({ topic, key, value, version: 1, record });

describe('RoutedStoreAdapter', () => {
  it('routes each item to the adapter of its topic and concatenates rejections', async () => {
    const a = new MemoryPart(3);
    const b = new MemoryPart(2, (v) => v < 0);
    const routed = new RoutedStoreAdapter('memory', new Map<string, StoreAdapter<never>>([['a', a], ['b', b]]));
    await routed.connect();
    const refused = await routed.write([item('a', 'x', 1), item('b', 'y', 2), item('b', 'z', -1)]);
    expect([...a.rows]).toEqual([['x', 1]]);
    expect([...b.rows]).toEqual([['y', 2]]);
    expect(refused).toHaveLength(1);
    expect(routed.maxConcurrentBatches).toBe(2);
    expect(routed.topics).toEqual(['a', 'b']);
    expect(await routed.ping()).toBe(true);
    await routed.close();
    expect(await routed.ping()).toBe(false);
  });

  it('fails the whole batch on an unknown topic or a part failure, and classifies with the parts', async () => {
    const down = new MemoryPart(1, undefined, new Error('down'));
    const routed = new RoutedStoreAdapter('memory', new Map<string, StoreAdapter<never>>([['a', down]]));
    await expect(routed.write([item('nope', 'k', 1)])).rejects.toThrow('no adapter for topic nope');
    await expect(routed.write([item('a', 'k', 1)])).rejects.toThrow('down');
    expect(routed.classify(new Error('down')).kind).toBe('transient');
    expect(routed.classify(new Error('syntax')).kind).toBe('record-rejected');
  });

  it('refuses to be built without topics', () => {
    expect(() => new RoutedStoreAdapter('memory', new Map())).toThrow('at least one result topic');
  });
});
