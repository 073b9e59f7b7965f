import type { StreamRecord } from '@sluice/streaming';
import { signalDecoder } from './decoders';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const rec = (value: string, timestamp = NOW): StreamRecord => ({ topic: 'signals', partition: 0, offset: '0', key: null, value: Buffer.from(value), timestamp, headers: {} });

describe(signalDecoder.name, () => {
  const decode = signalDecoder(1024, { maxSkewMs: 60_000, now: () => NOW });

  it('keys a sample within the range by series and time', () => {
    expect(decode(rec(`{"series":"sine","time":${NOW},"value":1}`))).toEqual({ ok: true, value: { key: `sine@${NOW}`, value: { series: 'sine', time: NOW, value: 1 } } });
  });

  it('refuses, before the store sees it, an epoch in µs or ns, a time past now + skew and a bare number with a bad record timestamp', () => {
    for (const r of [
      rec(`{"series":"sine","time":${NOW * 1000},"value":1}`),
      rec('{"series":"s","time":1700000000000000000,"value":1}'),
      rec(`{"time":${NOW + 60_001},"sin":1}`),
      rec('42', -1),
    ]) {
      expect(decode(r)).toMatchObject({ ok: false, reason: 'time-out-of-range' });
    }
  });
});
