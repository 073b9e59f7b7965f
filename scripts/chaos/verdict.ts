/** The bars of issue 9 applied to one scenario's measurements: PASS, or FAIL with every bar missed. */
import type { ScenarioResult } from './scenario-run';
import { WORD_STORES } from './store-comparison';

export interface Verdict {
  pass: boolean;
  /** One short sentence per bar missed. */
  failures: string[];
}

/** Words lost / counted twice: the worst store (a store that could not be read counts as losing everything). */
export function worstDiff(r: ScenarioResult): { lost: number; duplicated: number } {
  let lost = 0;
  let duplicated = 0;
  for (const s of WORD_STORES) {
    const d = r.convergence.diffs[s];
    lost = Math.max(lost, d ? d.lost : r.truthWords);
    duplicated = Math.max(duplicated, d ? d.duplicated : 0);
  }
  return { lost, duplicated };
}

/** Bars: 0 lost, 0 duplicated, every bad record dead-lettered with a reason and no good one, 0 stalled partitions, converged within `barSeconds`. */
export function verdictOf(r: ScenarioResult, barSeconds: number): Verdict {
  const f: string[] = [];
  const { lost, duplicated } = worstDiff(r);
  if (lost > 0) f.push(`${lost.toLocaleString('en-US')} word occurrences lost (${WORD_STORES.filter((s) => (r.convergence.diffs[s]?.lost ?? 1) > 0).join(', ')})`);
  if (duplicated > 0) f.push(`${duplicated.toLocaleString('en-US')} word occurrences counted twice (${WORD_STORES.filter((s) => (r.convergence.diffs[s]?.duplicated ?? 0) > 0).join(', ')})`);
  const d = r.deadLetters;
  if (d.found < d.expected) f.push(`${(d.expected - d.found).toLocaleString('en-US')} of ${d.expected.toLocaleString('en-US')} expected dead letters missing or without a reason${d.missingExamples.length ? `, e.g. ${d.missingExamples.join('; ')}` : ''}`);
  if (d.duplicated > 0) f.push(`${d.duplicated} bad records dead-lettered twice`);
  if (d.unexpected > 0) f.push(`${d.unexpected} good records dead-lettered`);
  // Every good series is produced in event-time order, so no good sample may be late: one that is
  // means a bad record moved the watermark.
  if (d.late.size > 0) f.push(`${d.late.size} good records dead-lettered as late (a watermark moved ahead)`);
  if (d.resultDeadLetters > 0) f.push(`${d.resultDeadLetters} result records dead-lettered by a writer`);
  if (r.windows.emittedTwice > 0) f.push(`${r.windows.emittedTwice} windows emitted twice as final`);
  if (r.windows.missing > 0) f.push(`${r.windows.missing} of ${r.windows.expected} closed windows never emitted${r.windows.stalledSeries.length ? ` (stalled series: ${r.windows.stalledSeries.join(', ')})` : ''}`);
  if (r.windows.wrongCount > 0) f.push(`${r.windows.wrongCount} windows with a sample count different from the topic`);
  if (r.laggingPartitions.length > 0) f.push(`processor stalled on ${r.laggingPartitions.slice(0, 4).join(', ')}${r.laggingPartitions.length > 4 ? ` and ${r.laggingPartitions.length - 4} more` : ''}`);
  if (r.linesLanded < r.linesPlanned) f.push(`only ${r.linesLanded.toLocaleString('en-US')} of ${r.linesPlanned.toLocaleString('en-US')} lines reached text-lines`);
  if (r.convergeSeconds === undefined) f.push('stores never equal to the truth');
  else if (r.convergeSeconds > barSeconds) f.push(`converged ${r.convergeSeconds.toFixed(0)} s after the last fault (bar ${barSeconds} s)`);
  return { pass: f.length === 0, failures: f };
}
