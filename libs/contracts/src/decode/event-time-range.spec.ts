import { checkEventTime, DEFAULT_MAX_EVENT_TIME_SKEW_MS, MAX_DATE_MS } from './event-time-range';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const range = { maxSkewMs: DEFAULT_MAX_EVENT_TIME_SKEW_MS, now: () => NOW };

describe('checkEventTime', () => {
  it('accepts 0, the wall clock and exactly now + skew', () => {
    expect(checkEventTime(0, range)).toEqual({ ok: true, value: 0 });
    expect(checkEventTime(NOW, range)).toEqual({ ok: true, value: NOW });
    expect(checkEventTime(NOW + DEFAULT_MAX_EVENT_TIME_SKEW_MS, range)).toEqual({ ok: true, value: NOW + DEFAULT_MAX_EVENT_TIME_SKEW_MS });
  });

  it('refuses 1 ms past now + skew, naming the value and the accepted range', () => {
    const d = checkEventTime(NOW + DEFAULT_MAX_EVENT_TIME_SKEW_MS + 1, range);
    expect(d).toMatchObject({ ok: false, reason: 'time-out-of-range' });
    expect(!d.ok && d.detail).toContain(`event time ${NOW + DEFAULT_MAX_EVENT_TIME_SKEW_MS + 1} ms is out of range`);
    expect(!d.ok && d.detail).toContain(`to ${NOW + DEFAULT_MAX_EVENT_TIME_SKEW_MS} (2026-12-02T00:00:00.000Z, now + MAX_EVENT_TIME_SKEW_MS of 86400000 ms)`);
  });

  it('refuses a time before 1970', () => {
    expect(checkEventTime(-1, range)).toMatchObject({ ok: false, reason: 'time-out-of-range' });
  });

  it('refuses epochs in microseconds and nanoseconds, saying which they look like', () => {
    const micros = checkEventTime(NOW * 1000, range);
    expect(!micros.ok && micros.detail).toContain('looks like an epoch in microseconds');
    const nanos = checkEventTime(1700000000000000000, range);
    expect(!nanos.ok && nanos.reason).toBe('time-out-of-range');
    expect(!nanos.ok && nanos.detail).toContain('looks like an epoch in nanoseconds');
  });

  it('refuses NaN, infinities and times beyond what a Date holds, even with a huge skew', () => {
    const wide = { maxSkewMs: Number.MAX_SAFE_INTEGER, now: () => NOW };
    for (const t of [NaN, Infinity, -Infinity, MAX_DATE_MS + 1, 1e16]) expect(checkEventTime(t, wide)).toMatchObject({ ok: false, reason: 'time-out-of-range' });
    expect(checkEventTime(MAX_DATE_MS, wide)).toEqual({ ok: true, value: MAX_DATE_MS });
  });

  it('follows the injected clock', () => {
    let now = 0;
    const moving = { maxSkewMs: 0, now: () => now };
    expect(checkEventTime(1000, moving).ok).toBe(false);
    now = 1000;
    expect(checkEventTime(1000, moving).ok).toBe(true);
  });
});
