/**
 * Bad records for every input topic, as issue 9 lists them: invalid UTF-8, 2 MiB values, empty and
 * null values, null keys, NaN/Infinity/1e999, wrong JSON types, nanosecond/microsecond/negative/
 * far-future times and 10 KB keys. Poison signals use the series `sine` and `triangle` (so they
 * share a partition with a good series); a few records that look odd but are good (a 10 KB key on
 * a text line, an empty line) are mixed in, and must be counted, not dead-lettered.
 * Which records are bad is decided afterwards by the input oracle, on what actually landed.
 */
import { Topics } from '@sluice/contracts';
import type { ProducedRecord } from '@sluice/kafka';
import { pick } from './seeded-random';

export interface FuzzRecord {
  topic: string;
  record: ProducedRecord;
}

const TWO_MIB = 2 * 1024 * 1024;
const INVALID_UTF8 = Buffer.from([0x66, 0x75, 0x7a, 0xff, 0xfe, 0x7a]);
const bigKey = (c: string) => c.repeat(10 * 1024);

type Make = (now: number) => ProducedRecord;

const nsTime = (now: number) => now * 1_000_000;
const usTime = (now: number) => now * 1000;
const farFuture = '3000-01-01T00:00:00.000Z';
const json = (v: unknown) => JSON.stringify(v);

const SIGNALS: Make[] = [
  () => ({ key: 'sine', value: null }),
  () => ({ key: 'sine', value: INVALID_UTF8 }),
  () => ({ key: 'sine', value: '' }),
  () => ({ key: null, value: 'NaN' }),
  () => ({ key: null, value: 'Infinity' }),
  () => ({ key: 'sine', value: '1e999' }),
  (now) => ({ key: 'sine', value: `{"series":"sine","time":${now},"value":1e999}` }),
  (now) => ({ key: 'sine', value: json({ series: 'sine', time: nsTime(now), value: 1 }) }),
  (now) => ({ key: 'triangle', value: json({ series: 'triangle', time: usTime(now), value: 1 }) }),
  (now) => ({ key: 'sine', value: json({ time: nsTime(now), sin: 1 }) }),
  () => ({ key: 'sine', value: json({ series: 'sine', time: -1000, value: 1 }) }),
  () => ({ key: 'triangle', value: json({ series: 'triangle', time: farFuture, value: 1 }) }),
  (now) => ({ key: 'sine', value: json({ series: 'sine', time: now, value: 'high' }) }),
  (now) => ({ key: 'sine', value: json({ series: 7, time: now, value: 1 }) }),
  () => ({ key: null, value: '[1,2,3]' }),
  () => ({ key: bigKey('k'), value: '12.5' }),
];

const SENSORS: Make[] = [
  () => ({ key: 'madrid', value: null }),
  () => ({ key: 'madrid', value: INVALID_UTF8 }),
  () => ({ key: null, value: '' }),
  () => ({ key: null, value: 'NaN' }),
  (now) => ({ key: 'madrid', value: `{"key":"madrid","time":${now},"min":1e999,"max":2}` }),
  (now) => ({ key: 'madrid', value: json({ key: 'madrid', time: nsTime(now), min: 1, max: 2 }) }),
  (now) => ({ key: 'lima', value: json({ key: 'lima', time: usTime(now), min: 1, max: 2 }) }),
  () => ({ key: 'lima', value: json({ key: 'lima', time: -5, min: 1, max: 2 }) }),
  () => ({ key: 'oslo', value: json({ key: 'oslo', time: farFuture, min: 1, max: 2 }) }),
  (now) => ({ key: 'oslo', value: json({ key: 'oslo', time: now, min: 'cold', max: 2 }) }),
  (now) => ({ key: 'oslo', value: json({ key: 'oslo', time: now, min: 5, max: 2 }) }),
  (now) => ({ key: bigKey('c'), value: json({ key: bigKey('c'), time: now, min: 1, max: 2 }) }),
];

const TEXT_BAD: Make[] = [
  () => ({ key: null, value: null }),
  () => ({ key: null, value: INVALID_UTF8 }),
  () => ({ key: bigKey('t'), value: INVALID_UTF8 }),
];

/** Look odd, are good: must be counted (their words are in the truth). */
const TEXT_GOOD: Make[] = [
  () => ({ key: bigKey('g'), value: 'fuzzkey survives a ten kilobyte key' }),
  () => ({ key: null, value: '' }),
  () => ({ key: null, value: 'NaN Infinity 1e999 nan' }),
];

const LARGE: Array<[string, Make]> = [
  [Topics.textLines, () => ({ key: null, value: Buffer.alloc(TWO_MIB, 0x61) })],
  [Topics.signals, () => ({ key: 'sine', value: Buffer.alloc(TWO_MIB, 0x31) })],
  [Topics.sensorReadings, () => ({ key: 'madrid', value: Buffer.alloc(TWO_MIB, 0x7b) })],
];

/**
 * `count` bad records (of which `large` are 2 MiB values), in a seeded random order, plus one odd
 * but good text line per 20 bad records.
 */
export function fuzzRecords(count: number, large: number, random: () => number, now: () => number): FuzzRecord[] {
  const out: FuzzRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0) out.push({ topic: Topics.textLines, record: pick(random, TEXT_GOOD)(now()) });
    if (i < large) {
      const [topic, make] = LARGE[i % LARGE.length];
      out.push({ topic, record: make(now()) });
      continue;
    }
    const r = random();
    if (r < 0.45) out.push({ topic: Topics.signals, record: pick(random, SIGNALS)(now()) });
    else if (r < 0.8) out.push({ topic: Topics.sensorReadings, record: pick(random, SENSORS)(now()) });
    else out.push({ topic: Topics.textLines, record: pick(random, TEXT_BAD)(now()) });
  }
  // Shuffle (Fisher-Yates), so the large ones are spread over the feed.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
