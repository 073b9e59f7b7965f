/**
 * The scenario definitions: which faults each injects while the feed runs. A scenario only
 * injects; setup, feed, ground truth and comparison are the same for all (scenario-run.ts).
 */
import { sleep } from '../bench/bench-kit';
import type { ChaosOptions } from './chaos-options';
import { pauseServer, redisRefusesWrites, stopServer, type StackServer } from './fault-injectors';
import type { Fleet } from './fleet';
import type { ScenarioName } from './scenario-names';
import { pick } from './seeded-random';
import { SERVICE_KINDS, WRITER_KINDS } from './service-kinds';

/** What a scenario's injection sees and reports into. */
export interface FaultContext {
  fleet: Fleet;
  options: ChaosOptions;
  random: () => number;
  /** Records one fault (its description) and the time it ended. */
  fault: (description: string) => void;
  log: (line: string) => void;
}

export interface Scenario {
  name: ScenarioName;
  /** One line for the table and RELIABILITY.md. */
  summary: (o: ChaosOptions) => string;
  /** Processor instances at the start. */
  processors: number;
  /** Whether the harness mixes the fuzz feed into the good traffic. */
  fuzz: boolean;
  inject: (ctx: FaultContext) => Promise<void>;
}

const feedMs = (o: ChaosOptions) => o.feedSeconds * 1000;
const STORES: StackServer[] = ['redis', 'cassandra', 'mongo', 'influx'];

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  kills: {
    name: 'kills',
    summary: (o) => `${o.kills} × kill -9 of a random service (processor, each writer, producer), processors alternating 1-3`,
    processors: 1,
    fuzz: false,
    inject: async ({ fleet, options, random, fault, log }) => {
      const gap = feedMs(options) / (options.kills + 1);
      const targets = [1, 2, 3, 2];
      for (let i = 0; i < options.kills; i++) {
        await sleep(gap);
        // Not awaited: a joining processor is healthy only after the rebalance (up to a minute
        // on a loaded machine), and the kills go on meanwhile, as they would in production.
        void fleet.scale('processor', targets[i % targets.length]);
        // A kind with no healthy instance (still restarting) is skipped for another one.
        let victim: string | undefined;
        for (let tries = 0; !victim && tries < 20; tries++) victim = await fleet.kill(pick(random, SERVICE_KINDS), random);
        if (victim) fault(`kill -9 ${victim}`);
        log(`kill ${i + 1}/${options.kills}: ${victim ?? 'nothing healthy to kill'} (processors: ${fleet.count('processor')})`);
      }
    },
  },
  'broker-pause': {
    name: 'broker-pause',
    summary: (o) => `Kafka SIGSTOP/SIGCONT for ${o.pauses.map((p) => `${p} s`).join(' and ')}`,
    processors: 1,
    fuzz: false,
    inject: async ({ options, fault, log }) => {
      for (const seconds of options.pauses) {
        await sleep(Math.min(20000, feedMs(options) / (options.pauses.length + 1)));
        log(`pausing Kafka for ${seconds} s`);
        await pauseServer('kafka', seconds * 1000);
        fault(`Kafka paused ${seconds} s`);
      }
    },
  },
  'store-outage': {
    name: 'store-outage',
    summary: (o) => `each store (${STORES.join(', ')}) ${o.outageMode === 'pause' ? 'paused (SIGSTOP)' : 'stopped'} ${o.outageSeconds} s, one after the other`,
    processors: 1,
    fuzz: false,
    inject: async ({ options, fault, log }) => {
      for (const store of STORES) {
        await sleep(Math.min(10000, feedMs(options) / 10));
        log(`${options.outageMode === 'pause' ? 'pausing' : 'stopping'} ${store} for ${options.outageSeconds} s`);
        await (options.outageMode === 'pause' ? pauseServer : stopServer)(store, options.outageSeconds * 1000);
        fault(`${store} ${options.outageMode === 'pause' ? 'paused' : 'stopped'} ${options.outageSeconds} s`);
      }
    },
  },
  'store-refusal': {
    name: 'store-refusal',
    summary: (o) => `Redis refuses writes (CONFIG SET maxmemory 1mb, noeviction) for ${o.outageSeconds} s`,
    processors: 1,
    fuzz: false,
    inject: async ({ options, fault, log }) => {
      await sleep(feedMs(options) / 4);
      log(`Redis refusing writes for ${options.outageSeconds} s`);
      await redisRefusesWrites(options.outageSeconds * 1000);
      fault(`Redis maxmemory 1mb ${options.outageSeconds} s`);
    },
  },
  rescale: {
    name: 'rescale',
    summary: () => 'processors 1 → 3 → 2 and every writer 1 → 2 → 1 during the feed',
    processors: 1,
    fuzz: false,
    inject: async ({ fleet, options, fault }) => {
      const step = feedMs(options) / 5;
      const steps: Array<[string, () => Promise<void>]> = [
        ['processors 1 → 3', () => fleet.scale('processor', 3)],
        ['writers 1 → 2', async () => void (await Promise.all(WRITER_KINDS.map((k) => fleet.scale(k, 2))))],
        ['processors 3 → 2', () => fleet.scale('processor', 2)],
        ['writers 2 → 1', async () => void (await Promise.all(WRITER_KINDS.map((k) => fleet.scale(k, 1))))],
      ];
      // Not awaited, as in kills: a joining instance is healthy only after its rebalance.
      for (const [what, run] of steps) {
        await sleep(step);
        void run();
        fault(what);
      }
    },
  },
  fuzz: {
    name: 'fuzz',
    summary: (o) => `${o.fuzz.toLocaleString('en-US')} bad records over every input topic (${o.fuzzLarge} of 2 MiB), mixed into the feed`,
    processors: 1,
    fuzz: true,
    // The faults are the bad records; the harness feed sends them and marks the last one.
    inject: async () => undefined,
  },
};
