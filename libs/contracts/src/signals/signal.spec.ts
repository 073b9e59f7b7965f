import { decodeSignal, encodeSignal } from './signal';

const MAX = 1024 * 1024;
const b = (s: string) => Buffer.from(s);

describe('decodeSignal', () => {
  it('decodes the canonical form with an ISO time', () => {
    expect(decodeSignal(b('{"series":"sine","time":"2026-01-01T00:00:01.000Z","value":4.99}'), 'sine', 0, MAX)).toEqual({
      ok: true,
      value: { series: 'sine', time: Date.parse('2026-01-01T00:00:01.000Z'), value: 4.99 },
    });
  });

  it("decodes the seed's {time, sin} form as series sine", () => {
    const d = decodeSignal(b('{"time":"2026-01-01T00:00:00Z","sin":-12.5}'), null, 0, MAX);
    expect(d).toEqual({ ok: true, value: { series: 'sine', time: Date.parse('2026-01-01T00:00:00Z'), value: -12.5 } });
  });

  it('decodes a bare number typed into the console producer, timed by the record timestamp', () => {
    expect(decodeSignal(b('42.5'), null, 1700000000000, MAX)).toEqual({ ok: true, value: { series: 'console', time: 1700000000000, value: 42.5 } });
    expect(decodeSignal(b(' -3e2 '), 'room1', 5, MAX)).toEqual({ ok: true, value: { series: 'room1', time: 5, value: -300 } });
  });

  it('rejects a bare number that is not finite, or keyed by a series longer than 200 characters', () => {
    const inf = decodeSignal(b('1e999'), 'sine', 5, MAX);
    expect(!inf.ok && inf.reason).toBe('schema-invalid');
    const longKey = decodeSignal(b('12.5'), 'k'.repeat(10 * 1024), 5, MAX);
    expect(!longKey.ok && longKey.reason).toBe('schema-invalid');
    expect(decodeSignal(b('12.5'), 'k'.repeat(200), 5, MAX).ok).toBe(true);
  });

  it('rejects text that is neither a number nor JSON', () => {
    const d = decodeSignal(b('forty two'), null, 0, MAX);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toBe('invalid-json');
  });

  it('rejects JSON of another shape and a bad time', () => {
    const shape = decodeSignal(b('{"series":"x","value":"high"}'), null, 0, MAX);
    expect(!shape.ok && shape.reason).toBe('schema-invalid');
    const time = decodeSignal(b('{"series":"x","time":"yesterday","value":1}'), null, 0, MAX);
    expect(!time.ok && time.reason).toBe('schema-invalid');
  });

  it('rejects a null value', () => {
    const d = decodeSignal(null, null, 0, MAX);
    expect(!d.ok && d.reason).toBe('null-value');
  });
});

describe('encodeSignal', () => {
  it('round-trips through decodeSignal, keyed by series', () => {
    const s = { series: 'triangle', time: Date.parse('2026-02-03T04:05:06.007Z'), value: -2.5 };
    const { key, value } = encodeSignal(s);
    expect(key).toBe('triangle');
    expect(decodeSignal(value, key, 0, MAX)).toEqual({ ok: true, value: s });
  });
});

describe('decodeSignal event times', () => {
  const NOW = Date.parse('2026-12-01T00:00:00Z');
  const DAY = 86400000;
  const times = { maxSkewMs: DAY, now: () => NOW };
  const reasonOf = (v: string, recordTimestamp = NOW) => {
    const d = decodeSignal(b(v), null, recordTimestamp, MAX, times);
    return d.ok ? 'ok' : d.reason;
  };

  it('refuses an epoch in nanoseconds, in microseconds and 1e16 as time-out-of-range', () => {
    const d = decodeSignal(b('{"series":"s","time":1700000000000000000,"value":1}'), null, 0, MAX, times);
    expect(d).toMatchObject({ ok: false, reason: 'time-out-of-range' });
    expect(!d.ok && d.detail).toContain('1700000000000000000');
    expect(reasonOf(`{"series":"s","time":${NOW * 1000},"value":1}`)).toBe('time-out-of-range');
    expect(reasonOf('{"series":"s","time":1e16,"value":1}')).toBe('time-out-of-range');
  });

  it('checks the time of every accepted form', () => {
    expect(reasonOf(`{"time":${NOW * 1000},"sin":1}`)).toBe('time-out-of-range');
    expect(reasonOf(`{"time":${NOW * 1000},"tr":1}`)).toBe('time-out-of-range');
    expect(reasonOf('{"time":"9999-12-31T00:00:00Z","sin":1}')).toBe('time-out-of-range');
    expect(reasonOf('42.5', NOW * 1000)).toBe('time-out-of-range'); // a bare number timed by its record timestamp
    expect(reasonOf('42.5', -1)).toBe('time-out-of-range');
    expect(reasonOf('42.5', NaN)).toBe('time-out-of-range');
    expect(reasonOf('42.5', NOW)).toBe('ok');
  });

  it('refuses a time before 1970, ISO or epoch', () => {
    expect(reasonOf('{"series":"s","time":-1,"value":1}')).toBe('time-out-of-range');
    expect(reasonOf('{"series":"s","time":"1969-12-31T23:59:59Z","value":1}')).toBe('time-out-of-range');
  });

  it('accepts exactly now + MAX_EVENT_TIME_SKEW_MS and refuses 1 ms more', () => {
    expect(reasonOf(`{"series":"s","time":${NOW + DAY},"value":1}`)).toBe('ok');
    expect(reasonOf(`{"series":"s","time":${NOW + DAY + 1},"value":1}`)).toBe('time-out-of-range');
  });

  it('still refuses a time that is not a time as schema-invalid (NaN-ish strings, fractions, infinity)', () => {
    expect(reasonOf('{"series":"s","time":"NaN","value":1}')).toBe('schema-invalid');
    expect(reasonOf('{"series":"s","time":1.5,"value":1}')).toBe('schema-invalid');
    expect(reasonOf('{"series":"s","time":1e400,"value":1}')).toBe('schema-invalid');
  });
});
