import { transient } from '../store-failure';
import { SharedConnection } from './shared-connection';

/** A fake driver client: just a record of its life (the class under test is the sharing logic). */
interface FakeClient {
  id: number;
  shut: boolean;
}

class FakeConnection extends SharedConnection<FakeClient> {
  opened = 0;
  failNext = false;
  readonly clients: FakeClient[] = [];
  async ping() {
    return !this.connected.shut;
  }
  classify() {
    return transient('test');
  }
  protected async open(track: (c: FakeClient) => void): Promise<FakeClient> {
    const client = { id: ++this.opened, shut: false };
    this.clients.push(client);
    track(client);
    await Promise.resolve();
    if (this.failNext) {
      this.failNext = false;
      throw new Error('refused');
    }
    return client;
  }
  protected async shutdown(c: FakeClient) {
    c.shut = true;
  }
}

describe('SharedConnection', () => {
  it('opens one client for concurrent and later connect() calls', async () => {
    const c = new FakeConnection();
    const [a, b] = await Promise.all([c.connect(), c.connect()]);
    expect(a).toBe(b);
    expect(await c.connect()).toBe(a);
    expect(c.opened).toBe(1);
  });

  it('tries again after a failed attempt, and close() shuts down the half-open client', async () => {
    const c = new FakeConnection();
    c.failNext = true;
    await expect(c.connect()).rejects.toThrow('refused');
    await c.close();
    expect(c.clients[0].shut).toBe(true);
    const next = await c.connect();
    expect(next.id).toBe(2);
  });

  it('rebuilds the client after close() and refuses use before connect()', async () => {
    const c = new FakeConnection();
    expect(() => c.connected).toThrow('FakeConnection used before connect()');
    const first = await c.connect();
    await c.close();
    await c.close(); // idempotent
    expect(first.shut).toBe(true);
    expect((await c.connect()).id).toBe(2);
    expect(await c.ping()).toBe(true);
  });
});
