/**
 * One scenario from start to verdict: fresh contract topics and store namespaces, all five jobs and
 * all four writers, the producer's text feed plus the waves and the harness's sensor readings (and
 * bad records in `fuzz`), the scenario's faults during the feed, then the ground truth from the input
 * topics and the comparison of every store, the dead letters, the windows and the processor's lag.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Topics } from '@sluice/contracts';
import type { Kafka } from '@sluice/kafka';
import { CONTRACT_TOPICS, flushRedisDb, REPO_ROOT, resetTopics, STACK_DIR, testRedisUrl, waitFor } from '@sluice/testing';
import { sleep } from '../bench/bench-kit';
import type { ChaosOptions } from './chaos-options';
import { checkDeadLetters, type DeadLetterReport } from './dead-letter-check';
import { Fleet } from './fleet';
import { groupLag } from './group-lag';
import { dropRunData } from './store-cleanup';
import { deleteTopicsWithPrefix } from './topic-cleanup';
import { fuzzRecords } from './fuzz-records';
import { groundTruth, INPUT_TOPICS, totalWords } from './ground-truth';
import { HarnessFeed } from './harness-feed';
import type { Scenario } from './scenarios';
import { seededRandom } from './seeded-random';
import { serviceEnv, WRITER_KINDS, type RunNames, type ServiceKind } from './service-kinds';
import { waitForConvergence, WORD_STORES, type Convergence } from './store-comparison';
import { checkWindows, type WindowReport } from './window-check';

/** Everything measured in one scenario (one row of the table). */
export interface ScenarioResult {
  scenario: string;
  summary: string;
  faults: string[];
  linesPlanned: number;
  linesLanded: number;
  truthWords: number;
  convergence: Convergence;
  /** s from the last fault (or the end of the input, if later) to every store equal to the truth. */
  convergeSeconds?: number;
  deadLetters: DeadLetterReport;
  windows: WindowReport;
  /** Input partitions the processor had not consumed to the end when the run ended. */
  laggingPartitions: string[];
  restarts: number;
  /** Unexpected exits (not a kill -9 of ours), e.g. `producer exited 1`. */
  crashes: string[];
  notes: string[];
}

const RESULT_TOPICS = [Topics.wordCounts, Topics.wordCountsWindowed, Topics.signalStats, Topics.sensorExtremes, Topics.hashtagsTop];
/** The topics each writer reads by default (WRITER_TOPICS unset). */
const WRITER_TOPICS: Array<[ServiceKind, string[]]> = [
  ['redis-writer', [Topics.wordCounts, Topics.wordCountsWindowed, Topics.hashtagsTop]],
  ['cassandra-writer', RESULT_TOPICS],
  ['mongo-writer', RESULT_TOPICS],
  ['influx-writer', [Topics.signals, Topics.signalStats]],
];

function quijotePath(): string | undefined {
  return [path.resolve(REPO_ROOT, '../shared/data/don-quijote-pg2000.txt'), path.resolve(REPO_ROOT, '../../shared/data/don-quijote-pg2000.txt')].find((p) => existsSync(p));
}

async function textLinesEnd(kafka: Kafka): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(Topics.textLines)).reduce((s, p) => s + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Runs one scenario. @throws only on a harness failure (setup); a failing pipeline is a FAIL row */
export async function runScenario(kafka: Kafka, scenario: Scenario, o: ChaosOptions, log: (line: string) => void): Promise<ScenarioResult> {
  const run = `${scenario.name.replace(/-/g, '')}${Date.now().toString(36)}`;
  const names: RunNames = {
    run,
    processorGroup: `chaos-${run}-processor`,
    writerGroup: (k) => `chaos-${run}-${k}`,
    redisUrl: testRedisUrl(12),
    keyspace: `chaos_${run}`,
    mongoDatabase: `chaos_${run}`,
  };
  const random = seededRandom(o.seed);
  const notes: string[] = [];
  const faults: string[] = [];
  let lastFaultAt = 0;
  const fault = (d: string) => {
    faults.push(d);
    lastFaultAt = Date.now();
  };

  log(`[${scenario.name}] ${scenario.summary(o)}; run ${run}`);
  await resetTopics(kafka, CONTRACT_TOPICS);
  await flushRedisDb(names.redisUrl);

  const book = quijotePath();
  if (o.text === 'quijote' && !book) notes.push('Don Quijote not found next to the repository: fed the Brown Corpus');
  const fuzz = scenario.fuzz ? fuzzRecords(o.fuzz, o.fuzzLarge, random, Date.now) : [];
  const fuzzText = fuzz.filter((f) => f.topic === Topics.textLines).length;
  const harness = new HarnessFeed(kafka, fuzz, o.feedSeconds, random);
  let producerDone = false;
  const producerEnv = async (): Promise<Record<string, string>> => {
    // An orchestrator restarts the same command; with no --resume yet, the harness gives a
    // restarted producer only the lines still to send, so the feed stays bounded.
    const sent = producerDone ? o.lines : Math.max(0, (await textLinesEnd(kafka).catch(() => 0)) - harness.fuzzTextSent);
    const remaining = Math.max(0, o.lines - sent);
    const text = remaining > 0
      ? { PRODUCER_SOURCES: 'text,sine,triangle', TEXT_SOURCE: book && o.text === 'quijote' ? 'quijote' : 'brown', ...(book ? { QUIJOTE_PATH: book } : {}), TEXT_LINES: String(remaining), TEXT_RATE: String(Math.ceil(o.lines / o.feedSeconds)) }
      : { PRODUCER_SOURCES: 'sine,triangle' };
    return { ...serviceEnv('producer', names), ...text };
  };
  const fleet = new Fleet(`chaos-${run}`, (kind: ServiceKind) => (kind === 'producer' ? producerEnv() : Promise.resolve(serviceEnv(kind, names))), log);

  try {
    await Promise.all([...WRITER_KINDS.map((k) => fleet.scale(k, 1)), fleet.scale('processor', scenario.processors)]);
    log(`[${scenario.name}] services healthy; feeding ${o.lines.toLocaleString('en-US')} lines over ~${o.feedSeconds} s`);
    const feedStart = Date.now();
    await fleet.scale('producer', 1);
    await harness.start();

    const feedDone = waitFor('the text feed', async () => {
      const landed = (await textLinesEnd(kafka)) - harness.fuzzTextSent;
      return landed >= o.lines ? landed : undefined;
    }, { timeoutMs: o.feedSeconds * 1000 * 4 + o.pauses.reduce((a, b) => a + b, 0) * 1000 + 600000, intervalMs: 2000 });
    await scenario.inject({ fleet, options: o, random, fault, log });
    await feedDone.catch((e) => notes.push(`feed incomplete: ${(e as Error).message}`));
    producerDone = true;
    // Let the waves run a little past the last fault, so windows after it close too.
    await sleep(Math.max(0, feedStart + o.feedSeconds * 1000 - Date.now()) + 2 * 10000);
    await harness.stop();
    if (scenario.fuzz) fault(`${harness.fuzzSent.toLocaleString('en-US')} bad records`);
    await fleet.scale('producer', 0);
    if (!(await fleet.settled())) notes.push('a service was still (re)starting 180 s after the feed (crash loop?)');
    const inputEndAt = Date.now();
    log(`[${scenario.name}] feed over; reading the input topics for the ground truth`);
    // What was still to do when the input ended: tells a processor behind from a writer behind.
    const backlog = await backlogAt(kafka, names);
    if (backlog.length) notes.push(`backlog when the input ended: ${backlog.join('; ')}`);

    const truth = await groundTruth(kafka);
    const linesLanded = (truth.records[Topics.textLines] ?? 0) - fuzzText;
    const reference = Math.max(lastFaultAt, inputEndAt);
    log(`[${scenario.name}] truth: ${totalWords(truth.words).toLocaleString('en-US')} words, ${truth.bad.size} bad records; waiting for the stores`);
    const convergence = await waitForConvergence(truth.words, names, Math.max(0, reference + o.convergeTimeoutSeconds * 1000 - Date.now()));
    const laggingPartitions = await processorLag(kafka, names.processorGroup);
    const deadLetters = await checkDeadLetters(kafka, truth, RESULT_TOPICS);
    const windows = await checkWindows(kafka, truth, deadLetters.late);
    const restarts = fleet.events.restarts;
    const killed = new Set(faults.filter((f) => f.startsWith('kill -9 ')).map((f) => f.slice('kill -9 '.length)));
    const crashes = restarts.filter((r) => !killed.has(r.name)).map((r) => `${r.name.slice(`chaos-${run}-`.length)} exited ${r.code ?? 'before ready'}`);
    for (const s of WORD_STORES) if (!convergence.diffs[s]) notes.push(`${s} could not be read`);
    const perStore = WORD_STORES.map((s) => `${s} ${convergence.storeConvergedAt[s] === undefined ? 'never' : `${Math.max(0, (convergence.storeConvergedAt[s]! - reference) / 1000).toFixed(0)} s`}`);
    notes.push(`each store equal to the truth after the input ended (first seen; stores polled every few s): ${perStore.join(', ')}`);
    // Tells a writer still behind (its words will come) from one that skipped records.
    for (const [kind, topics] of WRITER_TOPICS) {
      const lag = await groupLag(kafka, names.writerGroup(kind), topics).catch(() => new Map<string, number>());
      const behind = [...lag].filter(([, n]) => n > 100).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`);
      if (behind.length) notes.push(`${kind} still behind at the end by ${behind.join(', ')} records`);
    }
    return {
      scenario: scenario.name, summary: scenario.summary(o), faults: faults.map((f) => f.replace(`chaos-${run}-`, '')), linesPlanned: o.lines, linesLanded, truthWords: totalWords(truth.words), convergence,
      convergeSeconds: convergence.convergedAt === undefined ? undefined : Math.max(0, (convergence.convergedAt - reference) / 1000),
      deadLetters, windows, laggingPartitions, restarts: restarts.length, crashes, notes,
    };
  } finally {
    await harness.stop().catch(() => undefined);
    await fleet.stopAll();
    await dropRunData(names, log);
    await deleteTopicsWithPrefix(kafka, `${names.processorGroup}-`).catch((e: Error) => log(`cleanup of run ${names.run}: topics: ${e.message}`));
    rmSync(path.join(STACK_DIR, 'chaos', 'state', names.processorGroup), { recursive: true, force: true });
  }
}

/** Records each group had not committed, per group (only those more than 100 behind), as "group topic N" strings. */
async function backlogAt(kafka: Kafka, names: RunNames): Promise<string[]> {
  const groups: Array<[string, readonly string[]]> = [[names.processorGroup, INPUT_TOPICS], ...WRITER_TOPICS.map(([kind, topics]): [string, readonly string[]] => [names.writerGroup(kind), topics])];
  const out: string[] = [];
  for (const [group, topics] of groups) {
    const lag = await groupLag(kafka, group, topics).catch(() => new Map<string, number>());
    const behind = [...lag].filter(([, n]) => n > 100).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`);
    if (behind.length) out.push(`${group.replace(/^chaos-[a-z0-9]+-/, '')}: ${behind.join(', ')}`);
  }
  return out;
}

/** Input partitions whose committed offset (processor group) is behind the end, after up to 30 s. */
async function processorLag(kafka: Kafka, group: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let behind: string[] = [];
    const deadline = Date.now() + 30000;
    do {
      behind = [];
      for (const topic of INPUT_TOPICS) {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        for (const e of ends) {
          const c = Number(committed.partitions.find((p) => p.partition === e.partition)?.offset ?? -1);
          if (Number(e.high) > 0 && c < Number(e.high)) behind.push(`${topic}/${e.partition} (${Math.max(0, c)}/${e.high})`);
        }
      }
      if (behind.length === 0) return behind;
      await sleep(2000);
    } while (Date.now() < deadline);
    return behind;
  } finally {
    await admin.disconnect();
  }
}
