import { encodeHashtagsTop, encodeSensorExtremes, encodeSignal, encodeSignalStats, encodeWordWindowCount, Topics } from '@sluice/contracts';
import { DataBook, MAX_SERIES, topCounts, WAVE_POINTS, WAVE_SPAN_MS } from './data-panels';

const now = Date.now();

describe('DataBook', () => {
  it('keeps the last samples of each wave series in event-time order, bounded', () => {
    const book = new DataBook();
    for (let i = 0; i < WAVE_POINTS + 10; i++) {
      const { key, value } = encodeSignal({ series: 'sine', time: now + i * 50, value: i });
      book.add(Topics.signals, key, value, now);
    }
    const late = encodeSignal({ series: 'sine', time: now + 20 * 50 + 1, value: -1 });
    book.add(Topics.signals, late.key, late.value, now);
    const w = book.snapshot(now + WAVE_POINTS * 50).waves.sine;
    expect(w.t).toHaveLength(WAVE_POINTS);
    expect([...w.t].sort((a, b) => a - b)).toEqual(w.t);
    expect(w.v[w.v.length - 1]).toBe(WAVE_POINTS + 9);
    book.add(Topics.signals, null, Buffer.from('{oops'), now);
    expect(book.snapshot().undecoded).toBe(1);
  });

  it('shows only the samples of the last minute', () => {
    const book = new DataBook();
    for (const time of [now - WAVE_SPAN_MS - 1, now - 1000, now + 3_600_000]) {
      const { key, value } = encodeSignal({ series: 'sine', time, value: 1 });
      book.add(Topics.signals, key, value, now);
    }
    const old = encodeSignal({ series: 'old', time: now - 3_600_000, value: 1 });
    book.add(Topics.signals, old.key, old.value, now);
    expect(book.snapshot(now).waves).toEqual({ sine: { t: [now - 1000], v: [1] } });
  });

  it('bounds the number of series', () => {
    const book = new DataBook();
    for (let s = 0; s < MAX_SERIES + 3; s++) {
      const { key, value } = encodeSignal({ series: `s${s}`, time: now, value: s });
      book.add(Topics.signals, key, value, now);
    }
    expect(Object.keys(book.snapshot(now).waves)).toHaveLength(MAX_SERIES);
  });

  it('shows the top words of the window with the greatest end', () => {
    const book = new DataBook();
    const add = (word: string, count: number, windowEnd: string) => {
      const r = { word, count, windowStart: new Date(Date.parse(windowEnd) - 30000).toISOString(), windowEnd };
      const { key, value } = encodeWordWindowCount(r);
      book.add(Topics.wordCountsWindowed, key, value, now);
    };
    add('viejo', 99, '2026-01-01T00:00:10.000Z');
    add('hola', 3, '2026-01-01T00:00:20.000Z');
    add('mundo', 5, '2026-01-01T00:00:20.000Z');
    add('hola', 7, '2026-01-01T00:00:20.000Z'); // a later count for the same window replaces it
    expect(book.snapshot().topWords).toEqual({ windowStart: '2025-12-31T23:59:50.000Z', windowEnd: '2026-01-01T00:00:20.000Z', words: [{ word: 'hola', count: 7 }, { word: 'mundo', count: 5 }] });
  });

  it('keeps signal-stats windows per series, the latest hashtags and the sensor extremes (removals delete)', () => {
    const book = new DataBook();
    const stats = { series: 'sine', windowStart: '2026-01-01T00:00:00.000Z', windowEnd: '2026-01-01T00:00:10.000Z', count: 3, min: -1, max: 2, mean: 0.5, last: 2, lastTime: '2026-01-01T00:00:09.000Z', final: false };
    for (const r of [stats, { ...stats, count: 4, mean: 1, final: true }]) {
      const { key, value } = encodeSignalStats(r);
      book.add(Topics.signalStats, key, value, now);
    }
    const h = (windowEnd: string, tag: string) => encodeHashtagsTop({ windowStart: '2026-01-01T00:00:00.000Z', windowEnd, top: [{ tag, count: 2 }] });
    for (const r of [h('2026-01-01T00:00:30.000Z', 'new'), h('2026-01-01T00:00:20.000Z', 'old')]) book.add(Topics.hashtagsTop, r.key, r.value, now);
    const s = (key: string, removed: boolean) =>
      encodeSensorExtremes(removed ? { key, removed: true, reason: 'timeout', updatedAt: '2026-01-01T00:00:00.000Z' } : { key, removed: false, min: 1, max: 30, lastTime: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
    for (const r of [s('Madrid', false), s('Lima', false), s('Lima', true)]) book.add(Topics.sensorExtremes, r.key, r.value, now);
    const snap = book.snapshot();
    expect(snap.stats.sine).toEqual([{ start: Date.parse(stats.windowStart), min: -1, max: 2, mean: 1, count: 4, final: true }]);
    expect(snap.hashtags?.top[0].tag).toBe('new');
    expect(snap.sensors.map((x) => x.key)).toEqual(['Madrid']);
  });
});

describe('topCounts', () => {
  it('sorts by count, ties by word, and cuts at n', () => {
    expect(topCounts(new Map([['b', 2], ['a', 2], ['c', 5], ['d', 1]]), 3)).toEqual([{ word: 'c', count: 5 }, { word: 'a', count: 2 }, { word: 'b', count: 2 }]);
  });
});
