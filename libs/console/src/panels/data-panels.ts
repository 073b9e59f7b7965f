import {
  decodeHashtagsTop,
  decodeSensorExtremes,
  decodeSignal,
  decodeSignalStats,
  decodeWordWindowCount,
  HashtagsTopResult,
  SensorExtremesState,
  Topics,
} from '@sluice/contracts';

/** Points kept per wave series (at the producer's default 20 samples/s, half a minute). */
export const WAVE_POINTS = 600;
/** Wave samples shown: event times within this span before the wall clock (ms), as a live dashboard's "past minute". */
export const WAVE_SPAN_MS = 60_000;
/** Event times at most this far ahead of the wall clock are shown (ms). */
const WAVE_AHEAD_MS = 5_000;
/** Series kept at most (the most recently updated); more are dropped, so memory stays bounded. */
export const MAX_SERIES = 8;
/** `signal-stats` windows kept per series. */
export const STATS_WINDOWS = 60;
/** Words shown for the latest window. */
export const TOP_WORDS = 20;
/** Processing-time windows of `word-counts-windowed` kept (the latest is shown). */
const WORD_WINDOWS_KEPT = 3;
/** Sensor keys kept at most. */
const MAX_SENSORS = 200;

/** One window of one series from `signal-stats`: window start (ms) with min/mean/max. */
export interface StatsPoint {
  start: number;
  min: number;
  mean: number;
  max: number;
  count: number;
  final: boolean;
}

/** What the Data panel shows (times in ms). */
export interface DataSnapshot {
  /** Wave samples from `signals` of the last minute, per series: times and values, oldest first. */
  waves: Record<string, { t: number[]; v: number[] }>;
  stats: Record<string, StatsPoint[]>;
  topWords: { windowStart: string; windowEnd: string; words: Array<{ word: string; count: number }> } | null;
  hashtags: HashtagsTopResult | null;
  sensors: SensorExtremesState[];
  /** Records of these topics that did not decode (skipped, never thrown). */
  undecoded: number;
}

/** The result and source topics the Data panel reads. */
export const DATA_TOPICS = [Topics.signals, Topics.signalStats, Topics.wordCountsWindowed, Topics.hashtagsTop, Topics.sensorExtremes] as const;

/**
 * The Data panel's books, fed with records of {@link DATA_TOPICS}: wave samples per series (the
 * last {@link WAVE_POINTS}), `signal-stats` windows per series (the last {@link STATS_WINDOWS},
 * a later result for a window replaces the earlier), the top words of the latest
 * `word-counts-windowed` window (the one with the greatest end), the latest `hashtags-top`
 * ranking and the running extremes per sensor key (a removal deletes the key). Memory is bounded
 * by these limits whatever arrives; undecodable records are counted and skipped.
 */
export class DataBook {
  private readonly waves = new Map<string, { t: number[]; v: number[]; touched: number }>();
  private readonly stats = new Map<string, Map<number, StatsPoint>>();
  private readonly windows = new Map<string, { windowStart: string; windowEnd: string; counts: Map<string, number>; top?: Array<{ word: string; count: number }> }>();
  private hashtags: HashtagsTopResult | null = null;
  private readonly sensors = new Map<string, SensorExtremesState>();
  private undecoded = 0;
  private seq = 0;

  /** Applies one record of a {@link DATA_TOPICS} topic. */
  add(topic: string, key: string | null, value: Buffer | null, timestamp: number, maxBytes = 1048576): void {
    switch (topic) {
      case Topics.signals: {
        const d = decodeSignal(value, key, timestamp, maxBytes);
        if (!d.ok) return void this.undecoded++;
        this.addSample(d.value.series, d.value.time, d.value.value);
        return;
      }
      case Topics.signalStats: {
        const d = decodeSignalStats(value, maxBytes);
        if (!d.ok) return void this.undecoded++;
        const r = d.value;
        let windows = this.stats.get(r.series);
        if (!windows) {
          if (this.stats.size >= MAX_SERIES) return;
          this.stats.set(r.series, (windows = new Map()));
        }
        const start = Date.parse(r.windowStart);
        windows.set(start, { start, min: r.min, mean: r.mean, max: r.max, count: r.count, final: r.final });
        if (windows.size > STATS_WINDOWS) windows.delete(Math.min(...windows.keys()));
        return;
      }
      case Topics.wordCountsWindowed: {
        const d = decodeWordWindowCount(value, maxBytes);
        if (!d.ok) return void this.undecoded++;
        const r = d.value;
        const id = `${r.windowStart}/${r.windowEnd}`;
        let w = this.windows.get(id);
        if (!w) {
          this.windows.set(id, (w = { windowStart: r.windowStart, windowEnd: r.windowEnd, counts: new Map() }));
          if (this.windows.size > WORD_WINDOWS_KEPT) {
            const oldest = [...this.windows.entries()].sort((a, b) => Date.parse(a[1].windowEnd) - Date.parse(b[1].windowEnd))[0][0];
            this.windows.delete(oldest);
          }
        }
        w.counts.set(r.word, r.count);
        w.top = undefined;
        return;
      }
      case Topics.hashtagsTop: {
        const d = decodeHashtagsTop(value, maxBytes);
        if (!d.ok) return void this.undecoded++;
        if (!this.hashtags || Date.parse(d.value.windowEnd) >= Date.parse(this.hashtags.windowEnd)) this.hashtags = d.value;
        return;
      }
      case Topics.sensorExtremes: {
        const d = decodeSensorExtremes(value, maxBytes);
        if (!d.ok) return void this.undecoded++;
        const r = d.value;
        if (r.removed) this.sensors.delete(r.key);
        else if (this.sensors.has(r.key) || this.sensors.size < MAX_SENSORS) this.sensors.set(r.key, r);
        return;
      }
    }
  }

  private addSample(series: string, time: number, value: number): void {
    let w = this.waves.get(series);
    if (!w) {
      if (this.waves.size >= MAX_SERIES) {
        const stalest = [...this.waves.entries()].sort((a, b) => a[1].touched - b[1].touched)[0][0];
        this.waves.delete(stalest);
      }
      this.waves.set(series, (w = { t: [], v: [], touched: 0 }));
    }
    w.touched = ++this.seq;
    // Samples arrive in event-time order per partition; an older one is placed where it belongs.
    let i = w.t.length;
    while (i > 0 && w.t[i - 1] > time) i--;
    w.t.splice(i, 0, time);
    w.v.splice(i, 0, value);
    if (w.t.length > WAVE_POINTS) {
      w.t.shift();
      w.v.shift();
    }
  }

  /**
   * What the page shows at `now` (ms): wave samples of the last {@link WAVE_SPAN_MS} only (a
   * series without any is left out); the top words are sorted once per change of their window.
   */
  snapshot(now: number = Date.now()): DataSnapshot {
    const from = now - WAVE_SPAN_MS;
    const to = now + WAVE_AHEAD_MS;
    const waves: DataSnapshot['waves'] = {};
    for (const [series, w] of [...this.waves].sort(([a], [b]) => a.localeCompare(b))) {
      const t: number[] = [];
      const v: number[] = [];
      for (let i = 0; i < w.t.length; i++) {
        if (w.t[i] >= from && w.t[i] <= to) {
          t.push(w.t[i]);
          v.push(w.v[i]);
        }
      }
      if (t.length) waves[series] = { t, v };
    }
    const latest = [...this.windows.values()].sort((a, b) => Date.parse(b.windowEnd) - Date.parse(a.windowEnd))[0];
    if (latest && !latest.top) latest.top = topCounts(latest.counts, TOP_WORDS);
    return {
      waves,
      stats: Object.fromEntries([...this.stats].map(([s, m]) => [s, [...m.values()].sort((a, b) => a.start - b.start)])),
      topWords: latest ? { windowStart: latest.windowStart, windowEnd: latest.windowEnd, words: latest.top ?? [] } : null,
      hashtags: this.hashtags,
      sensors: [...this.sensors.values()].sort((a, b) => a.key.localeCompare(b.key)),
      undecoded: this.undecoded,
    };
  }
}

/** The `n` largest counts, ties by word. */
export function topCounts(counts: ReadonlyMap<string, number>, n: number): Array<{ word: string; count: number }> {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([word, count]) => ({ word, count }));
}
