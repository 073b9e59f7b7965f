/**
 * npm run chaos [-- --scenario kills,fuzz] [--lines N] [--kills N] [--feed-seconds S] ...
 *
 * Issue 9's chaos suite on the native stack: per scenario, fresh contract topics, all five jobs,
 * all four writers, a text feed through the producer plus the waves and sensor readings, faults
 * during the feed, and then every store, the dead letters and the signal windows compared with
 * the ground truth read back from the input topics. Prints a markdown table (one row per scenario,
 * PASS/FAIL against the bars) and writes it under `.stack/chaos/` (git-ignored).
 *
 * Starts the native stack (scripts/stack/up.sh) unless SLUICE_SKIP_STACK=1; runs the built
 * services (`node scripts/build.js` first). Every fault is undone when the run is interrupted.
 * See RELIABILITY.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { processEnv } from '@sluice/config';
import { REPO_ROOT, testKafka } from '@sluice/testing';
import { parseChaosOptions } from './chaos-options';
import { restoreAll } from './fault-injectors';
import { LIVE_FLEETS } from './fleet';
import { renderTable } from './report-table';
import { runScenario, type ScenarioResult } from './scenario-run';
import { CHAOS_TOPIC_PREFIX, deleteTopicsWithPrefix } from './topic-cleanup';
import { SCENARIOS } from './scenarios';
import { verdictOf } from './verdict';

const log = (line: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function gitDescription(): string {
  try {
    const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() ? ', uncommitted changes' : '';
    return `branch ${branch}, commit ${commit}${dirty}`;
  } catch {
    return 'unknown commit';
  }
}

async function main(): Promise<void> {
  const o = parseChaosOptions(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: restoring the servers and stopping`);
      void restoreAll()
        .then(() => Promise.allSettled([...LIVE_FLEETS].map((f) => f.stopAll())))
        .finally(() => process.exit(130));
    });
  }
  if (processEnv().SLUICE_SKIP_STACK !== '1') execFileSync('bash', [path.join(REPO_ROOT, 'scripts/stack/up.sh')], { stdio: 'inherit' });
  const kafka = testKafka('chaos');
  // An interrupted run (Ctrl-C, a closed session) leaves its scenario's processor topics behind.
  const leftovers = await deleteTopicsWithPrefix(kafka, CHAOS_TOPIC_PREFIX);
  if (leftovers) log(`deleted ${leftovers} topics left by an earlier, interrupted run`);
  const started = new Date();
  const results: ScenarioResult[] = [];
  const heading = `npm run chaos, ${started.toISOString().slice(0, 16)} UTC, ${gitDescription()}: ${o.lines.toLocaleString('en-US')} lines over ~${o.feedSeconds} s per scenario, seed ${o.seed}`;
  const file = o.out ?? path.join(REPO_ROOT, '.stack', 'chaos', `chaos-${started.toISOString().replace(/[:.]/g, '-')}.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  let table = '';
  for (const name of o.scenarios) {
    results.push(await runScenario(kafka, SCENARIOS[name], o, log));
    // Rewritten after every scenario, so an interrupted run keeps the rows it finished.
    table = renderTable(results, o.convergeBarSeconds, heading);
    writeFileSync(file, table);
    log(`${name} done; table so far in ${file}`);
  }
  process.stdout.write(`\n${table}`);
  process.exit(results.every((r) => verdictOf(r, o.convergeBarSeconds).pass) ? 0 : 1);
}

main().catch(async (e) => {
  // commander has already printed the help or the option error
  if (e instanceof CommanderError) process.exit(e.exitCode);
  await restoreAll();
  await Promise.allSettled([...LIVE_FLEETS].map((f) => f.stopAll()));
  process.stderr.write(`chaos failed: ${(e as Error).stack}\n`);
  process.exit(2);
});
