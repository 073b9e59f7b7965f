import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Signal } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import type { VersionedUpsert } from '../../store-adapter';
import { INFLUX_POINTS_PER_REQUEST } from './influx-points.adapter';
import { InfluxSignalsAdapter } from './influx-signals.adapter';

/**
 * A local HTTP server standing in for InfluxDB's /ping and /api/v2/write: `answer` decides, per
 * write request (0-based), the status and the delay (ms) before answering. It records each
 * request's line count and when it was answered. The write of no points that `connect()` sends to
 * check the token gets `emptyWrite` (default 204, as InfluxDB 1.8 answers it) and is not recorded;
 * its Authorization headers are.
 */
async function fakeInflux(answer: (n: number) => { status: number; delayMs: number }, emptyWrite = 204) {
  const requests: Array<{ lines: number; answeredAt?: number }> = [];
  const authorizations: Array<string | undefined> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/ping')) return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length === 0) {
        authorizations.push(req.headers.authorization);
        return void res.writeHead(emptyWrite, { 'content-type': 'application/json' }).end(emptyWrite === 204 ? undefined : '{"error":"authorization failed"}');
      }
      const n = requests.length;
      const entry: { lines: number; answeredAt?: number } = { lines: Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).length };
      requests.push(entry);
      const { status, delayMs } = answer(n);
      setTimeout(() => {
        entry.answeredAt = Date.now();
        if (status === 204) res.writeHead(204).end();
        else res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, authorizations, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const item = (i: number): VersionedUpsert<Signal> => ({
  topic: 'signals',
  key: 'sine',
  value: { series: 'sine', time: Date.parse('2026-01-01T00:00:00Z') + i, value: i / 10 },
  version: i,
  record: { topic: 'signals', partition: 0, offset: String(i) } as unknown as StreamRecord,
});
const items = (n: number) => Array.from({ length: n }, (_, i) => item(i));

describe('InfluxPointsAdapter.write', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function adapterOn(answer: (n: number) => { status: number; delayMs: number }) {
    const server = await fakeInflux(answer);
    servers.push(server);
    const adapter = new InfluxSignalsAdapter({ url: server.url, token: undefined, org: 'sluice', bucket: 'sluice/autogen' });
    await adapter.connect();
    return { adapter, requests: server.requests };
  }

  it('resolves only after every request of a batch larger than one request was answered (the first answered last)', async () => {
    const total = 2 * INFLUX_POINTS_PER_REQUEST + 1;
    const { adapter, requests } = await adapterOn((n) => ({ status: 204, delayMs: n === 0 ? 300 : 0 }));
    try {
      expect(await adapter.write(items(total))).toEqual([]);
      const resolvedAt = Date.now();
      expect(requests.map((r) => r.lines)).toEqual([INFLUX_POINTS_PER_REQUEST, INFLUX_POINTS_PER_REQUEST, 1]);
      expect(requests.every((r) => r.answeredAt !== undefined && r.answeredAt <= resolvedAt)).toBe(true);
    } finally {
      await adapter.close();
    }
  });

  it('rejects the batch when one of its requests fails, even the first of several, once every request is answered', async () => {
    const { adapter, requests } = await adapterOn((n) => ({ status: n === 0 ? 503 : 204, delayMs: n === 0 ? 50 : 300 }));
    try {
      const error = await adapter.write(items(2 * INFLUX_POINTS_PER_REQUEST)).then(() => undefined, (e: unknown) => e);
      expect(error).toBeDefined();
      expect(adapter.classify(error)).toEqual({ kind: 'transient', code: 'http-503' });
      expect(requests.map((r) => r.lines)).toEqual([INFLUX_POINTS_PER_REQUEST, INFLUX_POINTS_PER_REQUEST]);
      expect(requests.every((r) => r.answeredAt !== undefined)).toBe(true); // no request left open behind the rejection
    } finally {
      await adapter.close();
    }
  });

  it('sends exactly one request for a batch of exactly one request, and resolves after its answer', async () => {
    const { adapter, requests } = await adapterOn(() => ({ status: 204, delayMs: 200 }));
    try {
      await adapter.write(items(INFLUX_POINTS_PER_REQUEST));
      const resolvedAt = Date.now();
      expect(requests.map((r) => r.lines)).toEqual([INFLUX_POINTS_PER_REQUEST]);
      expect(requests[0].answeredAt).toBeLessThanOrEqual(resolvedAt);
    } finally {
      await adapter.close();
    }
  });

  it('dead-letters a value the client cannot write and sends the rest', async () => {
    const { adapter, requests } = await adapterOn(() => ({ status: 204, delayMs: 0 }));
    try {
      const bad = { ...item(1), value: { series: 'sine', time: Date.parse('2026-01-01T00:00:00Z'), value: Number.NaN } };
      const rejections = await adapter.write([item(0), bad, item(2)]);
      expect(rejections.map((r) => [r.record, r.reason])).toEqual([[bad.record, 'not-writable']]);
      expect(requests.map((r) => r.lines)).toEqual([2]);
    } finally {
      await adapter.close();
    }
  });
});

describe('InfluxPointsAdapter.connect', () => {
  it('checks the token with a write of no points, and refuses to start when InfluxDB answers 401, naming INFLUX_TOKEN', async () => {
    const refusing = await fakeInflux(() => ({ status: 204, delayMs: 0 }), 401);
    const accepting = await fakeInflux(() => ({ status: 204, delayMs: 0 }));
    try {
      const wrong = new InfluxSignalsAdapter({ url: refusing.url, token: 'sluice:not-the-password', org: 'sluice', bucket: 'sluice/autogen' });
      const error = await wrong.connect().then(() => undefined, (e: unknown) => e);
      expect(wrong.classify(error)).toEqual({ kind: 'store-refused', code: 'http-401', misconfigured: expect.stringContaining('check INFLUX_TOKEN') });
      expect(refusing.authorizations).toEqual(['Token sluice:not-the-password']);
      const right = new InfluxSignalsAdapter({ url: accepting.url, token: 'sluice:pw', org: 'sluice', bucket: 'sluice/autogen' });
      await expect(right.connect()).resolves.toBeUndefined();
      await right.close();
    } finally {
      await Promise.all([refusing.close(), accepting.close()]);
    }
  });

  it('leaves another answer to the empty write (InfluxDB 2.x: 400 "writing requires points"; a missing bucket) to the first write', async () => {
    for (const status of [400, 404]) {
      const server = await fakeInflux(() => ({ status: 204, delayMs: 0 }), status);
      try {
        const adapter = new InfluxSignalsAdapter({ url: server.url, token: 't', org: 'sluice', bucket: 'sluice' });
        await expect(adapter.connect()).resolves.toBeUndefined();
        await adapter.close();
      } finally {
        await server.close();
      }
    }
  });
});
