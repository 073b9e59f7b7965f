import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { TEXT_SOURCES, type ProducerConfig } from '@sluice/config';
import { dlqTopic, ProducerTopics, Topics } from '@sluice/contracts';
import { APP_LOGS_TOPIC } from '@sluice/jobs';
import { createKafkaClient, ensureTopics, FeedTransactionProducer, permanentProduceError } from '@sluice/kafka';
import { createLogger } from '@sluice/observability';
import {
  CsvSchema,
  decodeFeedCheckpoint,
  describeFeed,
  describeFiles,
  emitWave,
  feedLinesTransactionally,
  FILE_FORMATS,
  FileFormat,
  followLines,
  globMatcher,
  ingestLanding,
  LandingEvent,
  parseCsvSchema,
  realScheduler,
  resumeLine,
  sine,
  summarizeFeed,
  triangle,
} from '@sluice/sources';
import type { ProducerAppConfig } from './producer.config';
import { ensureFilesTopics, FILES_DEFAULT_TOPIC, filesProducer, filesSink, openFilesSource } from './files-feed';
import { connectSink } from './sources';
import { ensureFeedTopics, feedSource, feedTransactionalId, linesFrom, transactionalSink } from './text-feed';

/** Flags of `producer text` after parsing. */
interface TextOptions {
  lines: number;
  rate: number;
  resume: boolean;
  progress: boolean;
  deliveryTimeoutMs: number;
  transactionLines: number;
}

/** Flags of `producer files` after parsing. */
interface FilesOptions {
  landing: string;
  glob: string;
  archive?: string;
  maxFilesPerTrigger: number;
  triggerIntervalMs: number;
  format: FileFormat;
  csvSchema?: CsvSchema;
  topic: string;
  checkpointTopic: string;
  keyField?: string;
  once: boolean;
  transactionRows: number;
  deliveryTimeoutMs: number;
}

const PROGRESS_LOG_INTERVAL_MS = 10000;
const CLOSE_WAIT_MS = 5000;

const num = (name: string, min = -Infinity) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number${min > -Infinity ? ` >= ${min}` : ''}`);
  return n;
};

/** The options of a transactional line feed (`text`, `logs`): progress bar, delivery timeout, lines per transaction. */
function withFeedOptions(cmd: Command, c: ProducerConfig): Command {
  return cmd
    .option('--progress', 'show the progress bar on stderr even when it is not a terminal', false)
    .option('--delivery-timeout-ms <ms>', 'how long one transaction may take, retries included, before giving up', num('--delivery-timeout-ms', 1000), c.deliveryTimeoutMs)
    .option('--transaction-lines <n>', 'most lines per Kafka transaction', num('--transaction-lines', 1), c.transactionLines);
}

/**
 * One-shot CLI: `text`, `logs`, `files`, `sine`, `triangle`. Flags default to the environment's values.
 * Prints human progress on stderr and one JSON line with the totals on stdout.
 */
export function buildCli(config: ProducerAppConfig): Command {
  const c = config.producer;
  const program = new Command('producer').description('Sluice producer: text lines and waves into Kafka').exitOverride();
  withFeedOptions(program.command('text'), c)
    .description('send text lines to text-lines')
    .option('--source <name>', `brown | quijote | file | stdin`, (v) => {
      if (!(TEXT_SOURCES as readonly string[]).includes(v)) throw new InvalidArgumentError(`allowed values are ${TEXT_SOURCES.join(', ')}`);
      return v;
    }, c.textSource)
    .option('--file <path>', 'text file (implies --source file)')
    .option('--stdin', 'read lines from stdin (implies --source stdin)')
    .option('--lines <n>', 'lines to send, repeating the source (0 = once)', num('--lines', 0), c.textLines)
    .option('--rate <linesPerSecond>', 'lines per second (0 = as fast as possible)', num('--rate', 0), 0)
    .option('--resume', 'continue after the line where the previous run of this file stopped (its checkpoint)', false)
    .action(async (opts) => {
      const source = opts.stdin ? 'stdin' : opts.file ? 'file' : opts.source;
      const pc: ProducerConfig = { ...c, textSource: source, textFile: opts.file ?? c.textFile };
      await runText(config, pc, opts as TextOptions, Topics.textLines);
    });
  withFeedOptions(program.command('logs'), c)
    .description(`send log lines to ${APP_LOGS_TOPIC} (the log-errors job's input)`)
    .requiredOption('--file <path>', 'log file (the real ones are in ../shared/data: loghub/*.log, access-log/apache_logs)')
    .option('--follow', 'then send the lines appended to it, surviving rotation and truncation (tail -F), until Ctrl-C', false)
    .option('--rate <linesPerSecond>', 'lines per second without --follow (0 = as fast as possible)', num('--rate', 0), 0)
    .option('--resume', 'without --follow: continue after the line where the previous run of this file stopped', false)
    .action(async (opts) => {
      if (opts.follow) return runFollow(config, opts.file);
      const pc: ProducerConfig = { ...c, textSource: 'file', textFile: opts.file };
      await runText(config, pc, { ...opts, lines: 0 } as TextOptions, APP_LOGS_TOPIC);
    });
  program
    .command('files')
    .description(`ingest the files of a landing directory into a topic (default ${FILES_DEFAULT_TOPIC}), exactly once per file (landing -> bronze)`)
    .requiredOption('--landing <dir>', 'the directory to watch (its files; subdirectories and names starting with . or _ are ignored)')
    .option('--glob <pattern>', 'which file names to ingest (* ? [a-z] {a,b})', '*')
    .option('--archive <dir>', 'move each file there once committed (Spark cleanSource=archive)')
    .addOption(new Option('--max-files-per-trigger <n>', 'most files per trigger (Spark maxFilesPerTrigger)').argParser(num('--max-files-per-trigger', 1)).default(Infinity, 'no limit'))
    .option('--trigger-interval-ms <ms>', 'time between the starts of two triggers', num('--trigger-interval-ms', 0), 1000)
    .option('--format <format>', `${FILE_FORMATS.join(' | ')}`, (v) => {
      if (!(FILE_FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError(`allowed values are ${FILE_FORMATS.join(', ')}`);
      return v;
    }, 'ndjson')
    .option('--csv-schema <spec>', "column types of CSV files, 'name:type,...' (string | int | float | bool | timestamp); default every column a string", (v) => {
      try {
        return parseCsvSchema(v);
      } catch (e) {
        throw new InvalidArgumentError((e as Error).message);
      }
    })
    .option('--topic <topic>', 'where the rows go (bad rows to <topic>.dlq)', FILES_DEFAULT_TOPIC)
    .option('--checkpoint-topic <topic>', 'the compacted topic of the file checkpoints', ProducerTopics.fileCheckpoints)
    .option('--key-field <path>', 'dot path of the record key in a row (e.g. id); default no key')
    .option('--once', 'ingest what is there (in triggers of --max-files-per-trigger) and exit', false)
    .option('--transaction-rows <n>', 'most rows per Kafka transaction; a longer file is committed in several, with its progress in the checkpoint', num('--transaction-rows', 1), 100000)
    .option('--delivery-timeout-ms <ms>', 'how long one transaction may take, retries included, before giving up', num('--delivery-timeout-ms', 1000), c.deliveryTimeoutMs)
    .action(async (opts) => {
      if (opts.csvSchema && opts.format !== 'csv') throw new Error('--csv-schema needs --format csv');
      await runFiles(config, opts as FilesOptions);
    });
  for (const wave of ['sine', 'triangle'] as const) {
    const cmd = program.command(wave).description(`send ${wave} samples to signals`);
    cmd.option('--count <n>', 'samples (0 = until Ctrl-C)', num('--count', 0), 0).option('--interval-ms <ms>', 'ms between samples', num('--interval-ms', 1), wave === 'sine' ? c.sineIntervalMs : c.triangleIntervalMs);
    if (wave === 'sine') cmd.option('--amplitude <a>', 'A', num('--amplitude'), c.sineAmplitude).option('--step <s>', 'step', num('--step'), c.sineStep);
    else cmd.option('--phase <p>', 'phase', num('--phase'), c.trianglePhase).option('--length <l>', 'period', num('--length', 0.000001), c.triangleLength).option('--amplitude <a>', 'amplitude', num('--amplitude'), c.triangleAmplitude);
    cmd.action(async (o) => {
      const valueAt = wave === 'sine' ? (n: number) => sine(n, o.amplitude, o.step) : (n: number) => triangle(n, o.phase, o.length, o.amplitude);
      await runWave(config, wave, valueAt, o.intervalMs, o.count || undefined);
    });
  }
  return program;
}

async function withSink<T>(config: ProducerAppConfig, fn: (sink: Awaited<ReturnType<typeof connectSink>>) => Promise<T>): Promise<T> {
  const kafka = createKafkaClient(config.kafka, 'producer-cli', createLogger('producer', config.http.logLevel === 'info' ? 'warn' : config.http.logLevel));
  const sink = await connectSink(kafka, config.kafka);
  const stop = () => void sink.disconnect().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    return await fn(sink);
  } finally {
    process.off('SIGINT', stop);
    await sink.disconnect();
  }
}

/**
 * Feeds text lines in transactions with a checkpoint (see feedLinesTransactionally); prints the
 * counts on stderr and the summary as one JSON line on stdout. Exit code: 0 done, 1 gave up, 130 Ctrl-C.
 */
async function runText(config: ProducerAppConfig, pc: ProducerConfig, o: TextOptions, topic: string): Promise<void> {
  const log = createLogger('producer', config.http.logLevel, 2).child({ context: 'text-feed' });
  const source = feedSource(pc);
  if (o.resume && !source.resumable) throw new Error('--resume needs a file or a corpus: lines read from stdin cannot be found again');
  const kafka = createKafkaClient(config.kafka, 'producer-cli', createLogger('producer', config.http.logLevel === 'info' ? 'warn' : config.http.logLevel, 2));
  await ensureFeedTopics(kafka, config.kafka, topic);
  const producer = new FeedTransactionProducer(kafka, feedTransactionalId(config.kafka, source.id), ProducerTopics.checkpoints, source.id);
  const deadline = () => Date.now() + o.deliveryTimeoutMs;
  const stop = new AbortController();
  const onSigint = () => (stop.signal.aborted ? process.exit(130) : stop.abort());
  process.on('SIGINT', onSigint);
  try {
    await producer.open(deadline());
    const startLine = o.resume ? resumeLine(source.id, decodeFeedCheckpoint(source.id, (await producer.readCheckpoint(deadline())) ?? null), source.identity) : 0;
    const sourceLength = Array.isArray(source.lines) ? source.lines.length : undefined;
    const endLine = o.lines > 0 ? o.lines : sourceLength;
    const showBar = (process.stderr.isTTY || o.progress) && endLine !== undefined;
    const bar = showBar
      ? new cliProgress.SingleBar({ format: 'text-lines {bar} {percentage}% | {value}/{total} lines | {eta}s left', stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic)
      : undefined;
    bar?.start(endLine!, startLine);
    let lastLog = Date.now();
    log.info({ source: source.id, startLine, endLine, resume: o.resume }, 'text feed started');
    const r = await feedLinesTransactionally(linesFrom(source.lines, startLine, endLine), {
      topic,
      sink: transactionalSink(producer, source.id),
      scheduler: realScheduler,
      run: randomUUID(),
      identity: source.identity,
      startLine,
      ratePerSecond: o.rate,
      transactionLines: o.transactionLines,
      deliveryTimeoutMs: o.deliveryTimeoutMs,
      permanentError: permanentProduceError,
      signal: stop.signal,
      onProgress: (line) => {
        bar?.update(line);
        if (!bar && Date.now() - lastLog >= PROGRESS_LOG_INTERVAL_MS) {
          lastLog = Date.now();
          log.info({ committedLine: line, sent: line - startLine, endLine }, 'text feed progress');
        }
      },
      onRetry: ({ attempt, error, remainingMs }) =>
        log.warn({ attempt, remainingMs, err: { name: (error as Error)?.name, message: (error as Error)?.message } }, 'transaction failed (broker unavailable?); retrying with a new producer'),
    });
    bar?.stop();
    const summary = summarizeFeed(r, { source: pc.textSource, file: source.file, endLine, sourceLength });
    if (r.status === 'gave-up') log.error({ err: r.error, committedLine: r.committedLine }, 'text feed gave up');
    process.stderr.write(describeFeed(summary) + '\n');
    process.stdout.write(JSON.stringify(summary) + '\n');
    process.exitCode = r.status === 'done' ? 0 : r.status === 'stopped' ? 130 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    // After giving up on a broker that does not answer, closing could wait as long again.
    await Promise.race([producer.close(), new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
  }
}

/**
 * Ingests a landing directory (see ingestLanding): logs each file on stderr, prints the totals
 * as one JSON line on stdout. Exit code: 0 done (or stopped in watch mode), 1 gave up, 130 Ctrl-C with --once.
 */
async function runFiles(config: ProducerAppConfig, o: FilesOptions): Promise<void> {
  const log = createLogger('producer', config.http.logLevel, 2).child({ context: 'files-source' });
  const landing = path.resolve(o.landing);
  if (!statSync(landing, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--landing: no directory at ${landing}`);
  const matches = globMatcher(o.glob);
  const kafka = createKafkaClient(config.kafka, 'producer-cli', createLogger('producer', config.http.logLevel === 'info' ? 'warn' : config.http.logLevel, 2));
  await ensureFilesTopics(kafka, config.kafka, o.topic, o.checkpointTopic);
  const producer = await filesProducer(kafka, config.kafka, landing, o.topic, o.checkpointTopic);
  const stop = new AbortController();
  const onSignal = () => (stop.signal.aborted ? process.exit(130) : stop.abort());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const retryLog = ({ attempt, error, remainingMs, file }: { attempt: number; error: unknown; remainingMs?: number; file?: string }) =>
    log.warn({ attempt, remainingMs, file, err: { name: (error as Error)?.name, message: (error as Error)?.message } }, 'Kafka did not answer (broker unavailable?); retrying with a new producer');
  try {
    const checkpoints = await openFilesSource(producer, landing, { deliveryTimeoutMs: o.deliveryTimeoutMs, scheduler: realScheduler, permanentError: permanentProduceError, onRetry: retryLog });
    log.info({ landing, topic: o.topic, checkpointTopic: o.checkpointTopic, checkpoints: checkpoints.size, once: o.once }, 'files source started');
    const summary = await ingestLanding({
      landing,
      matches,
      archive: o.archive === undefined ? undefined : path.resolve(o.archive),
      maxFilesPerTrigger: o.maxFilesPerTrigger,
      triggerIntervalMs: o.triggerIntervalMs,
      once: o.once,
      checkpoints,
      format: o.format,
      csvSchema: o.csvSchema,
      topic: o.topic,
      keyField: o.keyField,
      maxRecordBytes: config.kafka.maxRecordBytes,
      transactionRows: o.transactionRows,
      run: randomUUID(),
      service: 'producer',
      sink: filesSink(producer),
      scheduler: realScheduler,
      deliveryTimeoutMs: o.deliveryTimeoutMs,
      permanentError: permanentProduceError,
      signal: stop.signal,
      onRetry: retryLog,
      onCommit: (file, c) => !c.complete && log.info({ file, line: c.line, records: c.records, deadLetters: c.deadLetters }, 'part of a file committed'),
      onEvent: (e) => logLandingEvent(log, e),
    });
    if (summary.status === 'gave-up') log.error({ error: summary.error }, 'files source gave up');
    process.stderr.write(describeFiles(summary) + '\n');
    process.stdout.write(JSON.stringify(summary) + '\n');
    process.exitCode = summary.status === 'gave-up' ? 1 : summary.status === 'stopped' && o.once ? 130 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.race([producer.close(), new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
  }
}

function logLandingEvent(log: ReturnType<typeof createLogger>, e: LandingEvent): void {
  switch (e.type) {
    case 'ingested':
      return log.info({ file: e.file, records: e.records, deadLetters: e.deadLetters, transactions: e.transactions, resumedAfterLine: e.resumedAfterLine }, 'file ingested');
    case 'skipped':
      return log.info({ file: e.file, ingestedAt: e.checkpoint.ingestedAt }, 'file already ingested; skipped');
    case 'changed':
      return log.warn(
        { file: e.file.path, ingested: { size: e.checkpoint.size, mtimeMs: e.checkpoint.mtimeMs, at: e.checkpoint.ingestedAt, complete: e.checkpoint.complete }, now: { size: e.file.size, mtimeMs: e.file.mtimeMs } },
        'file changed after it was ingested; not read again (delete its checkpoint entry to ingest it anew)',
      );
    case 'unstable':
      return log.info({ file: e.file, detail: e.detail }, 'file is being written; left for the next trigger');
    case 'archived':
      return log.info({ file: e.file, to: e.to }, 'file archived');
    case 'archive-failed':
      return log.warn({ file: e.file, err: { message: (e.error as Error)?.message } }, 'could not archive the file; a later trigger tries again');
    case 'trigger':
      return log.debug({ trigger: e.trigger, ingest: e.ingest, deferred: e.deferred }, 'trigger');
  }
}

/**
 * Follows a log file (`followLines`: from its start, then what is appended, across rotations) into
 * `app-logs`, one send per batch of lines read, until Ctrl-C. At least once: the idempotent producer
 * does not duplicate a retried send, but a restart sends the file again from its start.
 */
async function runFollow(config: ProducerAppConfig, file: string): Promise<void> {
  const kafka = createKafkaClient(config.kafka, 'producer-cli', createLogger('producer', config.http.logLevel === 'info' ? 'warn' : config.http.logLevel, 2));
  await ensureTopics(kafka, [APP_LOGS_TOPIC, dlqTopic(APP_LOGS_TOPIC)].map((name) => ({ name, partitions: config.kafka.partitions, replicationFactor: config.kafka.replicationFactor })));
  const stop = new AbortController();
  const n = await withSink(config, async (sink) => {
    process.once('SIGTERM', () => stop.abort());
    let sent = 0;
    for await (const batch of followLines(path.resolve(file), { signal: stop.signal })) {
      await sink.send(APP_LOGS_TOPIC, batch.map((value) => ({ value, timestamp: Date.now() })));
      sent += batch.length;
    }
    return sent;
  });
  process.stderr.write(`sent ${n} lines of ${file}\n`);
  process.stdout.write(JSON.stringify({ file, topic: APP_LOGS_TOPIC, lines: n }) + '\n');
}

async function runWave(config: ProducerAppConfig, series: string, valueAt: (n: number) => number, intervalMs: number, count?: number): Promise<void> {
  const n = await withSink(config, (sink) => emitWave({ topic: Topics.signals, series, valueAt, intervalMs, count, sink, scheduler: realScheduler }));
  process.stderr.write(`sent ${n} ${series} samples\n`);
  process.stdout.write(JSON.stringify({ series, samples: n }) + '\n');
}
