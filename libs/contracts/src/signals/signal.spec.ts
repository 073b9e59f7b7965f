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
