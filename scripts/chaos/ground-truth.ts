/**
 * The ground truth of a scenario, from what actually landed in the input topics (read_committed):
 * word totals with the processor's tokenizer, the records that must be dead-lettered (and why), and
 * the good signal samples per series and event-time window.
 */
import { Topics, type DlqReason } from '@sluice/contracts';
import type { Kafka } from '@sluice/kafka';
import { wordsTokenizer } from '@sluice/streaming';
import { sensorVerdict, signalVerdict, textLineVerdict } from './input-oracle';
import { SIGNAL_WINDOW_MS } from './service-kinds';
import { readTopics } from './topic-reader';

/** `<topic>/<partition>/<offset>`: where a record landed. */
export const positionOf = (topic: string, partition: number | string, offset: string) => `${topic}/${partition}/${offset}`;

export interface GroundTruth {
  /** Word → occurrences over every good `text-lines` record. */
  words: Map<string, number>;
  /** Position → expected reason, for every bad input record. */
  bad: Map<string, DlqReason>;
  /** Series → window start (ms) → good samples in it. */
  windows: Map<string, Map<number, number>>;
  /** Series → greatest good event time (ms). */
  maxTime: Map<string, number>;
  /** Position → series and window start (ms) of every good signal (to discount late records). */
  signalAt: Map<string, { series: string; start: number }>;
  /** Records per input topic. */
  records: Record<string, number>;
}

export const INPUT_TOPICS = [Topics.textLines, Topics.signals, Topics.sensorReadings] as const;

/** Reads every input topic to its end and classifies every record. */
export async function groundTruth(kafka: Kafka): Promise<GroundTruth> {
  const t: GroundTruth = { words: new Map(), bad: new Map(), windows: new Map(), maxTime: new Map(), signalAt: new Map(), records: {} };
  await readTopics(kafka, INPUT_TOPICS, (r) => {
    t.records[r.topic] = (t.records[r.topic] ?? 0) + 1;
    const where = positionOf(r.topic, r.partition, r.offset);
    if (r.topic === Topics.textLines) {
      const v = textLineVerdict(r.value);
      if (!v.good) t.bad.set(where, v.reason);
      else for (const w of wordsTokenizer(v.value)) t.words.set(w, (t.words.get(w) ?? 0) + 1);
    } else if (r.topic === Topics.signals) {
      const v = signalVerdict(r.value, r.key?.toString('utf8') ?? null, r.timestamp);
      if (!v.good) t.bad.set(where, v.reason);
      else {
        const { series, time } = v.value;
        const start = Math.floor(time / SIGNAL_WINDOW_MS) * SIGNAL_WINDOW_MS;
        const perSeries = t.windows.get(series) ?? new Map<number, number>();
        perSeries.set(start, (perSeries.get(start) ?? 0) + 1);
        t.windows.set(series, perSeries);
        t.signalAt.set(where, { series, start });
        t.maxTime.set(series, Math.max(t.maxTime.get(series) ?? 0, time));
      }
    } else {
      const v = sensorVerdict(r.value, r.timestamp);
      if (!v.good) t.bad.set(where, v.reason);
    }
  });
  return t;
}

/** Sum of all word occurrences. */
export const totalWords = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
