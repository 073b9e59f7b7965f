/** Command-line options of `npm run chaos` (commander), with their defaults. */
import { Command, InvalidArgumentError } from 'commander';
import { SCENARIO_NAMES, type ScenarioName } from './scenario-names';

/** Everything a chaos run is parameterised by. Durations in seconds unless named `...Ms`. */
export interface ChaosOptions {
  scenarios: ScenarioName[];
  /** Text lines the producer feeds per scenario. */
  lines: number;
  /** Planned feed duration (s): the producer's rate is `lines / feedSeconds`. */
  feedSeconds: number;
  /** `kill -9` faults of the `kills` scenario. */
  kills: number;
  /** Broker pauses of `broker-pause` (s each). */
  pauses: number[];
  /** How long each store is down in `store-outage` and refusing in `store-refusal` (s). */
  outageSeconds: number;
  /** `pause` (SIGSTOP/SIGCONT, keeps the data) or `stop` (the stack's stop/start: Redis and the Mongo stand-in lose their data). */
  outageMode: 'pause' | 'stop';
  /** Bad records of `fuzz`. */
  fuzz: number;
  /** How many of the bad records are 2 MiB values (the rest are small). */
  fuzzLarge: number;
  /** Bar: every store equals the truth within this many seconds of the last fault. */
  convergeBarSeconds: number;
  /** How long to wait for convergence before giving up (s); above the bar, so a slow store shows its time. */
  convergeTimeoutSeconds: number;
  text: 'quijote' | 'brown';
  seed: number;
  /** Markdown table file (default `.stack/chaos/chaos-<time>.md`). */
  out?: string;
}

const int = (name: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
  return n;
};

/** Parses `argv` (without node and the script). @throws InvalidArgumentError naming the option and its allowed values */
export function parseChaosOptions(argv: readonly string[]): ChaosOptions {
  const program = new Command('chaos')
    .description('Sluice chaos suite: faults during a feed, then every store compared with the ground truth')
    .option('--scenario <names>', `comma-separated, any of ${SCENARIO_NAMES.join(', ')}`, (v) => {
      const names = v.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = names.filter((n) => !(SCENARIO_NAMES as readonly string[]).includes(n));
      if (bad.length || names.length === 0) throw new InvalidArgumentError(`unknown scenario ${bad.join(', ')}; allowed: ${SCENARIO_NAMES.join(', ')}`);
      return names as ScenarioName[];
    }, [...SCENARIO_NAMES])
    .option('--lines <n>', 'text lines fed per scenario', int('--lines', 1), 1_000_000)
    .option('--feed-seconds <s>', 'planned feed duration (s); rate = lines / this', int('--feed-seconds', 5), 900)
    .option('--kills <n>', 'kill -9 faults of the kills scenario', int('--kills', 1), 20)
    .option('--pauses <list>', 'broker pauses in seconds (comma-separated)', (v) => v.split(',').map((s) => int('--pauses', 1)(s.trim())), [30, 150])
    .option('--outage-seconds <s>', 'store outage and refusal duration (s)', int('--outage-seconds', 1), 60)
    .option('--outage-mode <mode>', 'pause (SIGSTOP) | stop (stack stop/start; Redis and Mongo lose data)', (v) => {
      if (v !== 'pause' && v !== 'stop') throw new InvalidArgumentError('allowed values are pause, stop');
      return v;
    }, 'pause')
    .option('--fuzz <n>', 'bad records of the fuzz scenario', int('--fuzz', 1), 10_000)
    .option('--fuzz-large <n>', 'how many bad records are 2 MiB values', int('--fuzz-large', 0), 12)
    .option('--converge-bar <s>', 'bar: stores equal the truth within this many s of the last fault', int('--converge-bar', 1), 60)
    .option('--converge-timeout <s>', 'give up waiting for convergence after this many s', int('--converge-timeout', 10), 240)
    .option('--text <corpus>', 'quijote | brown', (v) => {
      if (v !== 'quijote' && v !== 'brown') throw new InvalidArgumentError('allowed values are quijote, brown');
      return v;
    }, 'quijote')
    .option('--seed <n>', 'random seed of the fault schedule and the fuzz feed', int('--seed', 0), 1)
    .option('--out <file>', 'markdown table file (default .stack/chaos/chaos-<time>.md)')
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const o = program.opts();
  return {
    scenarios: o.scenario, lines: o.lines, feedSeconds: o.feedSeconds, kills: o.kills, pauses: o.pauses, outageSeconds: o.outageSeconds,
    outageMode: o.outageMode, fuzz: o.fuzz, fuzzLarge: o.fuzzLarge, convergeBarSeconds: o.convergeBar, convergeTimeoutSeconds: o.convergeTimeout,
    text: o.text, seed: o.seed, out: o.out,
  };
}
