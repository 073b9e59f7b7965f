/** The chaos table (markdown), one row per scenario, and the failure notes under it. */
import { fmt } from '../bench/bench-kit';
import type { ScenarioResult } from './scenario-run';
import { verdictOf, worstDiff } from './verdict';

const HEADER = ['scenario', 'faults injected', 'lines landed', 'words lost', 'words counted twice', 'dead letters (found / expected)', 'windows emitted twice', 'stalled', 'converged after last fault', 'services restarted', 'result'];

/** Renders the results as a markdown table followed by one bullet per scenario with its faults and failures. */
export function renderTable(results: readonly ScenarioResult[], barSeconds: number, heading: string): string {
  const rows = results.map((r) => {
    const { lost, duplicated } = worstDiff(r);
    const v = verdictOf(r, barSeconds);
    const stalled = r.windows.stalledSeries.length + r.laggingPartitions.length;
    return [
      r.scenario,
      fmt(r.faults.length),
      `${fmt(r.linesLanded)} / ${fmt(r.linesPlanned)}`,
      fmt(lost),
      fmt(duplicated),
      `${fmt(r.deadLetters.found)} / ${fmt(r.deadLetters.expected)}`,
      fmt(r.windows.emittedTwice),
      stalled === 0 ? '0' : `${stalled} (${[...r.windows.stalledSeries.map((s) => `series ${s}`), ...r.laggingPartitions].slice(0, 3).join(', ')})`,
      r.convergeSeconds === undefined ? 'never' : `${r.convergeSeconds.toFixed(1)} s`,
      fmt(r.restarts),
      v.pass ? 'PASS' : 'FAIL',
    ];
  });
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [`## ${heading}`, '', line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line), ''];
  for (const r of results) {
    const v = verdictOf(r, barSeconds);
    out.push(`- **${r.scenario}** (${r.summary}): ${fmt(r.truthWords)} words in the truth; windows ${fmt(r.windows.finals)} final / ${fmt(r.windows.expected)} expected; ` +
      `late dead letters ${fmt(r.deadLetters.late.size)}; reasons differing from the oracle's ${fmt(r.deadLetters.otherReason)}.`);
    if (r.faults.length) out.push(`  - faults: ${summarise(r.faults)}`);
    if (r.crashes.length) out.push(`  - exits besides our kills (restarted): ${summarise(r.crashes)}`);
    for (const n of r.notes) out.push(`  - note: ${n}`);
    out.push(v.pass ? '  - all bars met' : `  - FAIL: ${v.failures.join('; ')}`);
  }
  return out.join('\n') + '\n';
}

/** "kill -9 a ×3, b" style: equal entries folded. */
function summarise(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) {
    const k = i.replace(/-\d+$/, '');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}
