/**
 * `signal-stats` against the truth: each event-time window the watermark has certainly passed
 * (its end at least the allowed lateness before the series' last good sample) must be emitted
 * once as final, with a count equal to the good samples of the window in `signals` (less those
 * dead-lettered as late). A window missing at the end of a series means its partition stalled.
 */
import { Topics } from '@sluice/contracts';
import type { Kafka } from '@sluice/kafka';
import type { GroundTruth } from './ground-truth';
import { SIGNAL_LATENESS_MS, SIGNAL_WINDOW_MS } from './service-kinds';
import { readTopics } from './topic-reader';

export interface WindowReport {
  /** Windows that must have a final result. */
  expected: number;
  /** Final results seen (all copies). */
  finals: number;
  /** Windows with more than one final result. */
  emittedTwice: number;
  /** Expected windows without a final result. */
  missing: number;
  /** Final results whose count differs from the samples in the topic. */
  wrongCount: number;
  /** Series whose last expected window is missing (their partition stopped producing windows). */
  stalledSeries: string[];
}

/** Reads `signal-stats` (read_committed) and compares its final windows with the truth. */
export async function checkWindows(kafka: Kafka, truth: GroundTruth, late: ReadonlySet<string>): Promise<WindowReport> {
  const finals = new Map<string, number[]>(); // `${series}/${startMs}` → counts of each final copy
  await readTopics(kafka, [Topics.signalStats], (r) => {
    try {
      const v = JSON.parse(r.value?.toString('utf8') ?? 'null') as { series: string; windowStart: string; count: number; final: boolean };
      if (!v?.final) return;
      const k = `${v.series}/${Date.parse(v.windowStart)}`;
      finals.set(k, [...(finals.get(k) ?? []), v.count]);
    } catch {
      // a malformed result is the writers' DLQ's business; it cannot match a window here
    }
  });
  const lateIn = new Map<string, number>();
  for (const where of late) {
    const s = truth.signalAt.get(where);
    if (s) lateIn.set(`${s.series}/${s.start}`, (lateIn.get(`${s.series}/${s.start}`) ?? 0) + 1);
  }
  const report: WindowReport = { expected: 0, finals: 0, emittedTwice: 0, missing: 0, wrongCount: 0, stalledSeries: [] };
  for (const counts of finals.values()) {
    report.finals += counts.length;
    if (counts.length > 1) report.emittedTwice++;
  }
  for (const [series, windows] of truth.windows) {
    const closedBefore = (truth.maxTime.get(series) ?? 0) - SIGNAL_LATENESS_MS;
    const expected = [...windows.keys()].filter((start) => start + SIGNAL_WINDOW_MS <= closedBefore).sort((a, b) => a - b);
    for (const start of expected) {
      const k = `${series}/${start}`;
      report.expected++;
      const got = finals.get(k);
      if (!got) report.missing++;
      else if (got[0] !== windows.get(start)! - (lateIn.get(k) ?? 0)) report.wrongCount++;
    }
    const last = expected[expected.length - 1];
    if (last !== undefined && !finals.has(`${series}/${last}`)) report.stalledSeries.push(series);
  }
  return report;
}
