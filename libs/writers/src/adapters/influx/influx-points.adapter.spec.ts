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
 * request's line count and when it was answered.
 */
async function fakeInflux(answer: (n: number) => { status: number; delayMs: number }) {
  const requests: Array<{ lines: number; answeredAt?: number }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/ping')) return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
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
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
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
