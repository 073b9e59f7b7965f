/**
 * Expected against actual dead letters: every bad input record must be on `<topic>.dlq` with a
 * reason, from every service that reads the topic (the processor; for `signals` also the influx
 * writer, which stores the raw samples), and exactly as often as a normal bad record is there.
 */
import { DlqHeaders, Topics, dlqTopic, type DlqReason } from '@sluice/contracts';
import type { Kafka } from '@sluice/kafka';
import { positionOf, type GroundTruth, INPUT_TOPICS } from './ground-truth';
import { readTopics } from './topic-reader';

/** Services that must dead-letter a bad record of each input topic. */
export const READERS: Record<string, readonly string[]> = {
  [Topics.textLines]: ['processor'],
  [Topics.signals]: ['processor', 'influx-writer'],
  [Topics.sensorReadings]: ['processor'],
};

export interface DeadLetterReport {
  /** (bad record, service that must dead-letter it) pairs. */
  expected: number;
  /** Of those, found on the DLQ with a reason. */
  found: number;
  /** Found without a reason header. */
  withoutReason: number;
  /** Positions a service dead-lettered more often than its usual number of copies (a replay after a crash). */
  duplicated: number;
  /** Good records dead-lettered as late (behind the watermark): discounted from the windows; the feed is in event-time order, so the verdict fails on any. */
  late: Set<string>;
  /** Good records dead-lettered for another reason. */
  unexpected: number;
  /** Dead letters on the result topics' DLQs (results the processor wrote and a writer refused). */
  resultDeadLetters: number;
  /** Found with another reason than the oracle's (informational: the bar asks for a reason, any). */
  otherReason: number;
  /** A few missing ones, for the notes. */
  missingExamples: string[];
}

/** Reads every DLQ topic and compares with the truth's bad records. */
export async function checkDeadLetters(kafka: Kafka, truth: GroundTruth, resultTopics: readonly string[]): Promise<DeadLetterReport> {
  const copies = new Map<string, number>(); // `${position}|${service}` → copies
  const reasons = new Map<string, string>();
  const report: DeadLetterReport = { expected: 0, found: 0, withoutReason: 0, duplicated: 0, late: new Set(), unexpected: 0, resultDeadLetters: 0, otherReason: 0, missingExamples: [] };
  const inputDlqs = INPUT_TOPICS.map(dlqTopic);
  await readTopics(kafka, [...inputDlqs, ...resultTopics.map(dlqTopic)], (r) => {
    if (!inputDlqs.includes(r.topic)) {
      report.resultDeadLetters++;
      return;
    }
    const h = r.headers;
    const where = positionOf(h[DlqHeaders.sourceTopic] ?? '?', h[DlqHeaders.sourcePartition] ?? '?', h[DlqHeaders.sourceOffset] ?? '?');
    const reason = h[DlqHeaders.reason] ?? '';
    if (!truth.bad.has(where)) {
      if (reason === 'late-record') report.late.add(where);
      else report.unexpected++;
      return;
    }
    const k = `${where}|${h[DlqHeaders.service] ?? '?'}`;
    copies.set(k, (copies.get(k) ?? 0) + 1);
    if (reason) reasons.set(k, reason);
  });
  const usual = mode([...copies.values()]);
  for (const [where, reason] of truth.bad) {
    const topic = where.slice(0, where.indexOf('/'));
    for (const service of READERS[topic] ?? []) {
      report.expected++;
      const k = `${where}|${service}`;
      const n = copies.get(k) ?? 0;
      if (n === 0) {
        if (report.missingExamples.length < 3) report.missingExamples.push(`${service} ${where} (${reason as DlqReason})`);
        continue;
      }
      if (!reasons.has(k)) report.withoutReason++;
      else {
        report.found++;
        if (reasons.get(k) !== reason) report.otherReason++;
      }
      if (n > usual) report.duplicated++;
    }
  }
  return report;
}

function mode(values: readonly number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let best = 1;
  let bestFreq = 0;
  for (const [v, f] of freq) if (f > bestFreq) [best, bestFreq] = [v, f];
  return best;
}
