import { encodeHashtagsTop, encodeSensorExtremes, encodeSignalStats, encodeWordWindowCount } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import { hashtagsTopDecoder, sensorExtremesDecoder, signalStatsDecoder, wordWindowCountDecoder } from './decoders';

const rec = (key: string | null, value: Buffer | string | null): StreamRecord => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: key === null ? null : Buffer.from(key),
  value: typeof value === 'string' ? Buffer.from(value) : value,
  timestamp: 0,
  headers: {},
});

describe('result decoders', () => {
  const start = '2026-01-01T00:00:00.000Z';
  const end = '2026-01-01T00:00:10.000Z';

  it('decode what the processor encodes, keyed as the processor keys it', () => {
    const w = encodeWordWindowCount({ word: 'la', count: 3, windowStart: start, windowEnd: end });
    expect(wordWindowCountDecoder(1024)(rec(w.key, w.value))).toEqual({ ok: true, value: { key: `${start}/la`, value: { word: 'la', count: 3, windowStart: start, windowEnd: end } } });
    const s = encodeSignalStats({ series: 'sine', windowStart: start, windowEnd: end, count: 2, min: 1, max: 3, mean: 2, last: 3, lastTime: end, final: true });
    expect(signalStatsDecoder(1024)(rec(s.key, s.value))).toMatchObject({ ok: true, value: { key: `sine/${start}` } });
    const x = encodeSensorExtremes({ key: 'Madrid', removed: true, reason: 'timeout', updatedAt: end });
    expect(sensorExtremesDecoder(1024)(rec(x.key, x.value))).toMatchObject({ ok: true, value: { key: 'Madrid', value: { removed: true } } });
    const h = encodeHashtagsTop({ windowStart: start, windowEnd: end, top: [{ tag: 'Sol', count: 2 }] });
    expect(hashtagsTopDecoder(1024)(rec(h.key, h.value))).toMatchObject({ ok: true, value: { key: start } });
  });

  it('reject a key that differs from the value, a bad schema and a null value', () => {
    const w = encodeWordWindowCount({ word: 'la', count: 3, windowStart: start, windowEnd: end });
    expect(wordWindowCountDecoder(1024)(rec('other', w.value))).toMatchObject({ ok: false, reason: 'schema-invalid' });
    expect(signalStatsDecoder(1024)(rec(null, '{"series":"sine"}'))).toMatchObject({ ok: false, reason: 'schema-invalid' });
    expect(sensorExtremesDecoder(1024)(rec(null, '{"key":"a","removed":false,"min":1}'))).toMatchObject({ ok: false, reason: 'schema-invalid' });
    expect(hashtagsTopDecoder(1024)(rec(null, null))).toMatchObject({ ok: false, reason: 'null-value' });
  });
});
