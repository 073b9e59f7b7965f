import { loadConfig } from '@sluice/config';
import { DlqHeaders, InternalTopics, Topics } from '@sluice/contracts';
import { BATCH_TIME_HEADER, SourceHeaders, StreamRecord, TaskFactory } from '@sluice/streaming';
import { buildTopology } from './build-topology';
import { processorJobsConfig } from './processor-jobs.config';

const APP = 'app';
/** Wall clock of the tests: after every event time they use. */
const NOW = Date.parse('2026-06-01T00:00:00Z');
const ENV = {
  PROCESSOR_GROUP_ID: APP,
  BATCH_INTERVAL_MS: '1000',
  WORD_WINDOW_LENGTH_MS: '3000',
  WORD_WINDOW_SLIDE_MS: '1000',
  HASHTAG_WINDOW_LENGTH_MS: '2000',
  HASHTAG_WINDOW_SLIDE_MS: '2000',
  HASHTAG_TOP_N: '2',
  SENSOR_IDLE_TIMEOUT_MS: '3000',
};
/** The topology of the processor configured by `ENV` plus `env`, as the processor module builds it. */
const topologyOf = (env: Record<string, string> = {}) =>
  buildTopology(loadConfig({ p: processorJobsConfig }, { ...ENV, ...env }).p, { maxRecordBytes: 1024, maxEventTimeSkewMs: 86400000, now: () => NOW });

let offset = 0;
function rec(topic: string, value: string | null, key: string | null = null, headers: Record<string, string> = {}, partition = 0): StreamRecord {
  return { topic, partition, offset: String(offset++), key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value), timestamp: 0, headers };
}
const factory = (factories: readonly TaskFactory[], topic: string) => factories.find((f) => f.topic === topic)!;
const json = (v: unknown) => JSON.parse(String(v));
const WORDS = InternalTopics.repartition(APP, 'word-counts');
const TAGS = InternalTopics.repartition(APP, 'hashtags-top');
const SIGNALS = InternalTopics.repartition(APP, 'signal-stats');
const SENSORS = InternalTopics.repartition(APP, 'sensor-extremes');
const CODES = InternalTopics.repartition(APP, 'log-error-codes');
const URLS = InternalTopics.repartition(APP, 'log-error-urls');
const GH_TYPES = InternalTopics.repartition(APP, 'gharchive-day-types');
const GH_REPOS = InternalTopics.repartition(APP, 'gharchive-day-repos');

describe('buildTopology with every job', () => {
  const topology = topologyOf();

  it('has one task factory per topic: the text source is shared, each shuffle is read once', () => {
    expect(topology.factories.map((f) => [f.topic, f.trigger])).toEqual([
      [Topics.textLines, 'source'],
      [WORDS, 'internal'],
      [Topics.signals, 'source'],
      [SIGNALS, 'internal'],
      [Topics.sensorReadings, 'source'],
      [SENSORS, 'internal'],
      [TAGS, 'internal'],
      ['app-logs', 'source'],
      [CODES, 'internal'],
      [URLS, 'internal'],
      ['gharchive-events', 'source'],
      [GH_TYPES, 'internal'],
      [GH_REPOS, 'internal'],
    ]);
    expect(factory(topology.factories, WORDS).storeNames).toEqual(['word-counts-store', 'word-counts-windowed-slices', 'word-counts-windowed-window', 'word-counts-windowed-meta']);
    expect(factory(topology.factories, WORDS).punctuate).toBe(true);
    expect(factory(topology.factories, Topics.textLines).punctuate).toBeFalsy();
  });

  it('declares every output, DLQ, changelog and shuffle topic once, the hashtag shuffle with one partition', () => {
    const names = topology.topics.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of [Topics.wordCounts, Topics.wordCountsWindowed, Topics.signalStats, Topics.sensorExtremes, Topics.hashtagsTop, 'text-lines.dlq', 'signals.dlq', 'sensor-readings.dlq']) expect(names).toContain(t);
    expect(topology.topics.find((t) => t.name === TAGS)).toMatchObject({ partitions: 1 });
    const policy = (name: string) => topology.topics.find((t) => t.name === name)?.cleanupPolicy;
    expect([Topics.wordCounts, Topics.wordCountsWindowed, 'log-error-counts', 'log-top-urls-windowed', 'text-lines', WORDS].map(policy)).toEqual(['compact', 'compact,delete', 'compact', 'compact,delete', 'delete', 'delete']);
    const changelogs = topology.topics.filter((t) => t.cleanupPolicy === 'compact').map((t) => t.name);
    expect(changelogs).toEqual(expect.arrayContaining([InternalTopics.changelog(APP, 'word-counts-store'), InternalTopics.changelog(APP, 'signal-stats-windows'), InternalTopics.changelog(APP, 'sensor-extremes-state')]));
  });

  it('dead-letters a bad line once and forwards per-batch word and hashtag counts', () => {
    const out = factory(topology.factories, Topics.textLines).create(0).process([rec(Topics.textLines, null), rec(Topics.textLines, 'Viva #Volcan viva #Volcan #Sol')], 7000);
    expect(out.filter((o) => o.topic === 'text-lines.dlq')).toHaveLength(1);
    expect(out.filter((o) => o.topic === WORDS).map((o) => [o.key, o.value])).toEqual([['viva', '2'], ['volcan', '2'], ['sol', '1']]);
    expect(out.filter((o) => o.topic === TAGS).map((o) => [o.key, o.value, o.headers?.[BATCH_TIME_HEADER]])).toEqual([['Volcan', '2', '7000'], ['Sol', '1', '7000']]);
  });

  it('runs running totals and windowed counts on the same words partition', () => {
    const task = factory(topology.factories, WORDS).create(0);
    const first = task.process([rec(WORDS, '2', 'viva'), rec(WORDS, '1', 'sol')], 1000);
    expect(first.filter((o) => o.topic === Topics.wordCounts).map((o) => [o.key, json(o.value).count])).toEqual([['viva', 2], ['sol', 1]]);
    expect(first.filter((o) => o.topic === Topics.wordCountsWindowed).map((o) => [o.key, json(o.value)])).toEqual([
      ['1969-12-31T23:59:58.000Z/viva', { word: 'viva', count: 2, windowStart: '1969-12-31T23:59:58.000Z', windowEnd: '1970-01-01T00:00:01.000Z' }],
      ['1969-12-31T23:59:58.000Z/sol', { word: 'sol', count: 1, windowStart: '1969-12-31T23:59:58.000Z', windowEnd: '1970-01-01T00:00:01.000Z' }],
    ]);
    const second = task.process([rec(WORDS, '1', 'viva')], 2000);
    expect(second.filter((o) => o.topic === Topics.wordCountsWindowed).map((o) => [json(o.value).word, json(o.value).count])).toEqual([['viva', 3], ['sol', 1]]);
    // Punctuation without input slides the window through the slide points it passed:
    // (0, 3000] holds the batches of 1000 and 2000, (1000, 4000] only the one of 2000.
    const idle = task.process([], 4000);
    expect(idle.map((o) => [json(o.value).windowEnd, json(o.value).word, json(o.value).count])).toEqual([
      ['1970-01-01T00:00:03.000Z', 'viva', 3],
      ['1970-01-01T00:00:03.000Z', 'sol', 1],
      ['1970-01-01T00:00:04.000Z', 'viva', 1],
    ]);
    expect(idle.every((o) => o.topic === Topics.wordCountsWindowed)).toBe(true);
  });

  it('ranks hashtags per window, top N only', () => {
    const task = factory(topology.factories, TAGS).create(0);
    const out = task.process([rec(TAGS, '2', 'Volcan'), rec(TAGS, '5', 'Sol'), rec(TAGS, '1', 'Luna')], 2000);
    expect(out.map((o) => [o.topic, o.key, json(o.value).top])).toEqual([
      [Topics.hashtagsTop, '1970-01-01T00:00:00.000Z', [{ tag: 'Sol', count: 5 }, { tag: 'Volcan', count: 2 }]],
    ]);
  });

  it('re-keys signals by series, keeping the source position, and dead-letters bad ones', () => {
    const task = factory(topology.factories, Topics.signals).create(2);
    const good = rec(Topics.signals, '{"time":"2026-01-01T00:00:01Z","sin":0.5}', null, {}, 2);
    const out = task.process([good, rec(Topics.signals, 'nope', null, {}, 2)], 9000);
    expect(out).toHaveLength(2);
    expect(out.find((o) => o.topic === SIGNALS)).toMatchObject({ key: 'sine', headers: { [BATCH_TIME_HEADER]: '9000', [SourceHeaders.topic]: 'signals', [SourceHeaders.partition]: '2', [SourceHeaders.offset]: good.offset } });
    expect(out.find((o) => o.topic === 'signals.dlq')).toMatchObject({ headers: { [DlqHeaders.reason]: 'invalid-json' } });
  });

  it('dead-letters signals timed in ns, in µs or before 1970 as time-out-of-range, and forwards the good ones', () => {
    const task = factory(topology.factories, Topics.signals).create(0);
    const good = rec(Topics.signals, JSON.stringify({ series: 'sine', time: NOW - 1000, value: 1 }));
    const bad = [
      rec(Topics.signals, '{"series":"sine","time":1700000000000000000,"value":1}'),
      rec(Topics.signals, JSON.stringify({ series: 'sine', time: NOW * 1000, value: 1 })),
      rec(Topics.signals, '{"series":"sine","time":-1,"value":1}'),
    ];
    const out = task.process([bad[0], good, bad[1], bad[2]], 9000);
    expect(out.filter((o) => o.topic === SIGNALS).map((o) => o.key)).toEqual(['sine']);
    const dead = out.filter((o) => o.topic === 'signals.dlq');
    expect(dead.map((d) => [d.headers?.[DlqHeaders.reason], d.headers?.[DlqHeaders.sourceOffset]])).toEqual(bad.map((b) => ['time-out-of-range', b.offset]));
    expect(dead[0].headers?.[DlqHeaders.detail]).toContain('event time 1700000000000000000 ms is out of range');
  });

  it('does not let a µs epoch move the watermark: later samples are not late and their windows close', () => {
    const rekey = factory(topology.factories, Topics.signals).create(0);
    const stats = factory(topology.factories, SIGNALS).create(0);
    const T = Math.floor((NOW - 3600_000) / 10_000) * 10_000;
    const sample = (time: number, value: number) => rec(Topics.signals, JSON.stringify({ series: 'sine', time, value }));
    const shuffle = (out: ReturnType<typeof rekey.process>) =>
      out.filter((o) => o.topic === SIGNALS).map((o) => ({ ...rec(SIGNALS, String(o.value), String(o.key)), headers: o.headers ?? {} }));
    const first = rekey.process([sample(T + 1000, 1), sample(T * 1000, 99), sample(T + 2000, 2)], 1000);
    expect(first.filter((o) => o.topic === 'signals.dlq').map((o) => o.headers?.[DlqHeaders.reason])).toEqual(['time-out-of-range']);
    expect(stats.process(shuffle(first), 1000)).toEqual([]);
    const closed = stats.process(shuffle(rekey.process([sample(T + 3000, 3), sample(T + 16_000, 4)], 2000)), 2000);
    expect(closed.map((o) => [o.topic, json(o.value).count, json(o.value).max])).toEqual([[Topics.signalStats, 3, 3]]);
  });

  it('dead-letters a sensor reading with time 1e16 as time-out-of-range', () => {
    const out = factory(topology.factories, Topics.sensorReadings).create(0).process([rec(Topics.sensorReadings, '{"key":"Madrid","time":1e16,"min":1,"max":2}')], 1000);
    expect(out.map((o) => [o.topic, o.headers?.[DlqHeaders.reason]])).toEqual([['sensor-readings.dlq', 'time-out-of-range']]);
  });

  it('emits one final signal-stats record per window and dead-letters late samples against their source', () => {
    const task = factory(topology.factories, SIGNALS).create(0);
    const sample = (sec: number, value: number, srcOffset: string) =>
      rec(SIGNALS, JSON.stringify({ series: 'sine', time: new Date(sec * 1000).toISOString(), value }), 'sine', { [SourceHeaders.topic]: 'signals', [SourceHeaders.partition]: '1', [SourceHeaders.offset]: srcOffset });
    expect(task.process([sample(1, 1, '10'), sample(9, 3, '11')], 1000)).toEqual([]);
    const closed = task.process([sample(15, 7, '12')], 2000); // watermark 10 s closes [0, 10)
    expect(closed.map((o) => [o.topic, o.key, json(o.value)])).toEqual([
      [Topics.signalStats, 'sine/1970-01-01T00:00:00.000Z', { series: 'sine', windowStart: '1970-01-01T00:00:00.000Z', windowEnd: '1970-01-01T00:00:10.000Z', count: 2, min: 1, max: 3, mean: 2, last: 3, lastTime: '1970-01-01T00:00:09.000Z', final: true }],
    ]);
    const late = task.process([sample(2, 100, '13')], 3000);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ topic: 'signals.dlq', headers: { [DlqHeaders.reason]: 'late-record', [DlqHeaders.sourceTopic]: 'signals', [DlqHeaders.sourcePartition]: '1', [DlqHeaders.sourceOffset]: '13' } });
  });

  it('counts late samples instead with LATE_RECORDS=drop', () => {
    const task = factory(topologyOf({ LATE_RECORDS: 'drop' }).factories, SIGNALS).create(0);
    const s = (sec: number) => rec(SIGNALS, JSON.stringify({ series: 'x', time: sec * 1000, value: 1 }), 'x');
    task.process([s(20)], 1000);
    expect(task.process([s(1), s(2)], 2000)).toEqual([]);
    expect(task.drainLateDropped!()).toBe(2);
    expect(task.drainLateDropped!()).toBe(0);
  });

  it('keeps running sensor extremes and removes a key idle longer than the timeout on punctuation', () => {
    const task = factory(topology.factories, SENSORS).create(0);
    const reading = (min: number, max: number) => rec(SENSORS, JSON.stringify({ key: 'Madrid', time: '2026-01-01T10:00:00Z', min, max }), 'Madrid');
    task.process([reading(3, 20)], 1000);
    const out = task.process([reading(1, 15)], 2000);
    expect(json(out[0].value)).toEqual({ key: 'Madrid', removed: false, min: 1, max: 20, lastTime: '2026-01-01T10:00:00.000Z', updatedAt: '1970-01-01T00:00:02.000Z' });
    expect(task.process([], 5000)).toEqual([]); // idle exactly the timeout: kept
    const removed = task.process([], 6000);
    expect(removed.map((o) => [o.topic, o.key, json(o.value)])).toEqual([[Topics.sensorExtremes, 'Madrid', { key: 'Madrid', removed: true, reason: 'timeout', updatedAt: '1970-01-01T00:00:02.000Z' }]]);
  });
});

describe('buildTopology with log-errors', () => {
  const t = topologyOf({ JOBS: 'log-errors' });

  it('runs each shared shuffle once: one record per code and per URL per batch, the URL shuffle with one partition', () => {
    const lines = ['a ERROR_DB http://x/1', 'b ERROR_DB https://x/2', 'c INFO fine', 'd ERROR_IO no url\r'].map((l) => rec('app-logs', l));
    const out = factory(t.factories, 'app-logs').create(0).process(lines, 3000);
    expect(out.filter((o) => o.topic === CODES).map((o) => [o.key, o.value])).toEqual([['ERROR_DB', '2'], ['ERROR_IO', '1']]);
    expect(out.filter((o) => o.topic === URLS).map((o) => [o.key, o.value])).toEqual([['http://x/1', '1'], ['https://x/2', '1']]);
    expect(out).toHaveLength(4);
    expect(t.topics.find((x) => x.name === URLS)).toMatchObject({ partitions: 1 });
    expect(t.topics.map((x) => x.name)).toEqual(expect.arrayContaining(['app-logs', 'app-logs.dlq', 'log-error-counts', 'log-top-urls', 'log-error-counts-windowed', 'log-top-urls-windowed']));
  });

  it('keeps running counts and windowed counts on the codes shuffle, and ranks URLs on the URL shuffle', () => {
    const codes = factory(t.factories, CODES).create(0);
    const out = codes.process([rec(CODES, '2', 'ERROR_DB')], 10000);
    expect(out.filter((o) => o.topic === 'log-error-counts').map((o) => json(o.value))).toEqual([{ code: 'ERROR_DB', count: 2, updatedAt: '1970-01-01T00:00:10.000Z' }]);
    expect(out.filter((o) => o.topic === 'log-error-counts-windowed').map((o) => [o.key, json(o.value).count])).toEqual([['1969-12-31T23:59:10.000Z/ERROR_DB', 2]]);
    const urls = factory(t.factories, URLS).create(0);
    const ranked = urls.process([rec(URLS, '1', 'http://b'), rec(URLS, '3', 'http://a'), rec(URLS, '1', 'http://c')], 10000);
    expect(ranked.filter((o) => o.topic === 'log-top-urls').map((o) => [o.key, json(o.value).top])).toEqual([['all', [{ url: 'http://a', count: 3 }, { url: 'http://b', count: 1 }, { url: 'http://c', count: 1 }]]]);
    expect(urls.process([], 11000).filter((o) => o.topic === 'log-top-urls')).toEqual([]);
  });

  it('dead-letters a line that is not an access-log line with LOG_FORMAT=access', () => {
    const access = topologyOf({ JOBS: 'log-errors', LOG_FORMAT: 'access' });
    const out = factory(access.factories, 'app-logs').create(0).process([rec('app-logs', 'nope'), rec('app-logs', '1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 503 1 "-" "-"')], 1000);
    expect(out.map((o) => [o.topic, o.headers?.[DlqHeaders.reason] ?? o.key])).toEqual([['app-logs.dlq', 'schema-invalid'], [CODES, '503'], [URLS, '/a']]);
  });
});

describe('buildTopology with some jobs', () => {
  it('runs only the text source and the windowed counts for JOBS=word-counts-windowed', () => {
    const t = topologyOf({ JOBS: 'word-counts-windowed' });
    expect(t.factories.map((f) => f.topic)).toEqual([Topics.textLines, WORDS]);
    expect(t.topics.map((x) => x.name)).not.toContain(Topics.wordCounts);
  });

  it('forwards only hashtags for JOBS=hashtags-top', () => {
    const t = topologyOf({ JOBS: 'hashtags-top' });
    const out = factory(t.factories, Topics.textLines).create(0).process([rec(Topics.textLines, 'a #b')], 1000);
    expect(out.map((o) => o.topic)).toEqual([TAGS]);
  });
});
