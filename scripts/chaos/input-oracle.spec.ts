import { sensorVerdict, signalVerdict, textLineVerdict, timeInRange } from './input-oracle';

const now = Date.parse('2026-12-02T00:00:00.000Z');
const b = (s: string) => Buffer.from(s);

describe(timeInRange.name, () => {
  it('accepts epoch ms up to a day ahead of the produce time and nothing before 1970', () => {
    expect(timeInRange(now, now)).toBe(true);
    expect(timeInRange(now + 86_400_000, now)).toBe(true);
    expect(timeInRange(now + 86_400_001, now)).toBe(false);
    expect(timeInRange(-1, now)).toBe(false);
    expect(timeInRange(now * 1000, now)).toBe(false);
  });
});

describe(signalVerdict.name, () => {
  it('is good for the canonical form, the seed forms and a bare number', () => {
    expect(signalVerdict(b(JSON.stringify({ series: 'sine', time: now, value: 1 })), 'sine', now)).toEqual({ good: true, value: { series: 'sine', time: now, value: 1 } });
    expect(signalVerdict(b('{"time":"2026-12-01T23:59:59Z","tr":2}'), null, now).good).toBe(true);
    expect(signalVerdict(b('12.5'), 'room', now)).toEqual({ good: true, value: { series: 'room', time: now, value: 12.5 } });
  });

  it('wants time-out-of-range for nanosecond, microsecond and far-future times', () => {
    for (const time of [now * 1_000_000, now * 1000, '3000-01-01T00:00:00Z']) {
      expect(signalVerdict(b(JSON.stringify({ series: 'sine', time, value: 1 })), 'sine', now)).toEqual({ good: false, reason: 'time-out-of-range' });
    }
  });

  it('wants schema-invalid for an infinite value and a 10 KB series, invalid-json for NaN', () => {
    expect(signalVerdict(b('1e999'), 'sine', now)).toEqual({ good: false, reason: 'schema-invalid' });
    expect(signalVerdict(b(`{"series":"sine","time":${now},"value":1e999}`), 'sine', now)).toEqual({ good: false, reason: 'schema-invalid' });
    expect(signalVerdict(b('1'), 'k'.repeat(10240), now)).toEqual({ good: false, reason: 'schema-invalid' });
    expect(signalVerdict(b('NaN'), null, now)).toEqual({ good: false, reason: 'invalid-json' });
  });
});

describe(sensorVerdict.name, () => {
  it('is good for a reading at the produce time and wants time-out-of-range for a nanosecond time', () => {
    expect(sensorVerdict(b(JSON.stringify({ key: 'lima', time: now, min: 1, max: 2 })), now).good).toBe(true);
    expect(sensorVerdict(b(JSON.stringify({ key: 'lima', time: now * 1_000_000, min: 1, max: 2 })), now)).toEqual({ good: false, reason: 'time-out-of-range' });
  });
});

describe(textLineVerdict.name, () => {
  it('is good for an empty line and bad for null and invalid UTF-8', () => {
    expect(textLineVerdict(b(''))).toEqual({ good: true, value: '' });
    expect(textLineVerdict(null)).toEqual({ good: false, reason: 'null-value' });
    expect(textLineVerdict(Buffer.from([0x61, 0xff]))).toEqual({ good: false, reason: 'invalid-utf8' });
  });
});
