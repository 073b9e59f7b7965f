/**
 * npm run rebuild -- <store> [--wipe]: rebuild a store from its result topics.
 *
 * The result topics are compacted (libs/contracts RESULT_TOPIC_CLEANUP): they hold the latest value
 * of every key, with the offsets (the versions) they had when first written. The rebuild stops the
 * store's writer service when it runs here (`npm run down -- <store>-writer`), moves the writer's
 * consumer group back to the earliest offsets, starts the writer again (`npm run up -- <store>-writer`)
 * and shows its progress until it has committed every record that was in its topics when the
 * rebuild began; the writer keeps running afterwards. Replaying is harmless: every store keeps the
 * highest version per key, so a store that was wiped, lost data, or is new ends equal to the others.
 *
 * `--wipe` first deletes what the writer stores (Redis keys, Cassandra tables' rows, Mongo
 * documents): needed after a result topic was deleted and created again, whose offsets, hence
 * versions, start again at 0 and would otherwise be taken for stale. InfluxDB stores no versions
 * (a point is keyed by its time), so there is nothing to wipe.
 *
 * The writer's settings come from the environment as for the service (WRITER_GROUP_ID,
 * WRITER_TOPICS, REDIS_URL, ...). Exits 1 with a message when the group still has members
 * elsewhere (e.g. in docker compose) or a server cannot be reached.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { cassandraConfig, influxConfig, kafkaConfig, loadConfig, mongoConfig, processEnv, redisConfig, writerConfig } from '@sluice/config';
import { createKafkaClient } from '@sluice/kafka';
import { createLogger } from '@sluice/observability';
import {
  cassandraResults,
  committedOffsets,
  influxResults,
  mongoResults,
  redisResults,
  replayProgress,
  replayTargets,
  resetGroupToEarliest,
  STORE_TOPICS,
  StoreResults,
} from '@sluice/writers';

const REPO_ROOT = path.resolve(__dirname, '../..');
const STORES = ['redis', 'cassandra', 'mongo', 'influx'] as const;
type Store = (typeof STORES)[number];

/** The writer's settings and its store's adapters, from the environment as the writer app reads them. */
function writerOf(store: Store): { kafka: ReturnType<typeof kafkaConfig.build>; groupId: string; topics: string[]; results: () => StoreResults } {
  const env = processEnv();
  const base = loadConfig({ kafka: kafkaConfig, writer: writerConfig(store, STORE_TOPICS[store]) }, env);
  const max = base.kafka.maxRecordBytes;
  const results: Record<Store, () => StoreResults> = {
    redis: () => redisResults(loadConfig({ redis: redisConfig }, env).redis, max, base.writer.topics),
    cassandra: () => cassandraResults(loadConfig({ cassandra: cassandraConfig }, env).cassandra, max, base.writer.topics),
    mongo: () => mongoResults(loadConfig({ mongo: mongoConfig }, env).mongo, max, base.writer.topics),
    influx: () => influxResults(loadConfig({ influx: influxConfig }, env).influx, max, base.writer.topics),
  };
  return { kafka: base.kafka, groupId: base.writer.groupId, topics: [...base.writer.topics], results: results[store] };
}

const services = (action: 'up' | 'down', service: string) =>
  execFileSync('bash', [path.join(REPO_ROOT, `scripts/services/${action}.sh`), service], { stdio: ['ignore', 'inherit', 'inherit'] });

async function main(): Promise<void> {
  const program = new Command('rebuild')
    .description('Replay a writer\'s result topics from the beginning into its store (idempotent).')
    .addArgument(new Command().createArgument('<store>', 'the store to rebuild').choices(STORES))
    .option('--wipe', 'delete what the writer stores first (after a result topic was recreated)', false)
    .addOption(new Option('--poll-ms <ms>', 'how often the progress is read (ms)').default(500).argParser(Number))
    .showHelpAfterError();
  program.parse();
  const store = program.args[0] as Store;
  const { wipe, pollMs } = program.opts<{ wipe: boolean; pollMs: number }>();
  const service = `${store}-writer`;
  const writer = writerOf(store);
  const logger = createLogger('rebuild', 'warn', 2);
  const kafka = createKafkaClient(writer.kafka, 'rebuild', logger);

  process.stderr.write(`rebuild ${store}: stopping ${service} when it runs here\n`);
  services('down', service);
  if (wipe) {
    const { adapter } = writer.results();
    await adapter.connect();
    try {
      const parts = await adapter.clearAll();
      process.stderr.write(parts > 0 ? `rebuild ${store}: wiped what the writer stores (${writer.topics.join(', ')})\n` : `rebuild ${store}: nothing to wipe (the store keeps no versions)\n`);
    } finally {
      await adapter.close();
    }
  }
  await resetGroupToEarliest(kafka, writer.groupId, writer.topics);
  const targets = await replayTargets(kafka, writer.topics);
  const first = replayProgress(targets, new Map());
  process.stderr.write(`rebuild ${store}: group ${writer.groupId} reset to the earliest offsets; replaying ${first.total} offsets of ${writer.topics.join(', ')}\n`);
  const started = Date.now();
  services('up', service);

  const bar = new SingleBar({ format: `rebuild ${store} [{bar}] {percentage}% | {value}/{total} offsets | {rate}/s`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 });
  bar.start(first.total, 0, { rate: 0 });
  for (;;) {
    const p = replayProgress(targets, await committedOffsets(kafka, writer.groupId, writer.topics));
    const seconds = (Date.now() - started) / 1000;
    bar.update(p.done, { rate: Math.round(p.done / Math.max(seconds, 0.001)) });
    if (p.complete) break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`rebuild ${store}: done, ${first.total} offsets replayed in ${seconds.toFixed(1)} s; ${service} keeps running (npm run down -- ${service} stops it)\n`);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`rebuild: ${e.message}\n`);
    process.exit(1);
  },
);
