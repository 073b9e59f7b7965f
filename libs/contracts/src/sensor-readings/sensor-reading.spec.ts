import { decodeSensorReading } from './sensor-reading';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const times = { maxSkewMs: 1000, now: () => NOW };
const reading = (time: unknown) => Buffer.from(JSON.stringify({ key: 'Madrid', time, min: 1, max: 2 }));

describe('decodeSensorReading', () => {
  it('decodes a reading with an ISO or epoch ms time within the range', () => {
    expect(decodeSensorReading(reading('2026-11-30T10:00:00Z'), 1024, times)).toEqual({ ok: true, value: { key: 'Madrid', time: Date.parse('2026-11-30T10:00:00Z'), min: 1, max: 2 } });
    expect(decodeSensorReading(reading(NOW + 1000), 1024, times).ok).toBe(true);
  });

  it('refuses time 1e16, a time past now + skew and a negative time as time-out-of-range', () => {
    for (const t of [1e16, NOW + 1001, -5]) expect(decodeSensorReading(reading(t), 1024, times)).toMatchObject({ ok: false, reason: 'time-out-of-range' });
  });

  it('keeps schema-invalid for a reading of the wrong shape', () => {
    expect(decodeSensorReading(Buffer.from('{"key":"x","time":0,"min":3,"max":1}'), 1024, times)).toMatchObject({ ok: false, reason: 'schema-invalid' });
  });
});
