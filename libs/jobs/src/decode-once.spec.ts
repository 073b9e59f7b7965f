import { decoded } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import { decodeOnce } from './decode-once';

const rec = (v: string): StreamRecord => ({ topic: 't', partition: 0, offset: '0', key: null, value: Buffer.from(v), timestamp: 0, headers: {} });

describe(decodeOnce.name, () => {
  it('decodes a record once for every decoder of the same id, and again for another id or another record', () => {
    let calls = 0;
    const decode = (r: StreamRecord) => {
      calls++;
      return decoded(String(r.value));
    };
    const [a, b, other] = [decodeOnce('spec:1', decode), decodeOnce('spec:1', decode), decodeOnce('spec:2', decode)];
    const r = rec('x');
    expect([a(r), b(r), a(r)]).toEqual([decoded('x'), decoded('x'), decoded('x')]);
    expect(calls).toBe(1);
    other(r);
    a(rec('x'));
    expect(calls).toBe(3);
  });
});
