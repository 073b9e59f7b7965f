import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { TEXT_SOURCES, type ProducerConfig } from '@sluice/config';
import { Topics } from '@sluice/contracts';
import { createKafkaClient } from '@sluice/kafka';
import { createLogger } from '@sluice/observability';
import { emitWave, feedLines, realScheduler, sine, triangle } from '@sluice/sources';
import type { ProducerAppConfig } from './producer.config';
import { connectSink, textSource } from './sources';

const num = (name: string, min = -Infinity) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number${min > -Infinity ? ` >= ${min}` : ''}`);
  return n;
};

/**
 * One-shot CLI: `text`, `sine`, `triangle`. Flags default to the environment's values.
 * Prints human progress on stderr and one JSON line with the totals on stdout.
 */
export function buildCli(config: ProducerAppConfig): Command {
  const c = config.producer;
  const program = new Command('producer').description('Sluice producer: text lines and waves into Kafka').exitOverride();
  program
    .command('text')
    .description('send text lines to text-lines')
    .option('--source <name>', `brown | quijote | file | stdin`, (v) => {
      if (!(TEXT_SOURCES as readonly string[]).includes(v)) throw new InvalidArgumentError(`allowed values are ${TEXT_SOURCES.join(', ')}`);
      return v;
    }, c.textSource)
    .option('--file <path>', 'text file (implies --source file)')
    .option('--stdin', 'read lines from stdin (implies --source stdin)')
    .option('--lines <n>', 'lines to send, repeating the source (0 = once)', num('--lines', 0), c.textLines)
    .option('--rate <linesPerSecond>', 'lines per second (0 = as fast as possible)', num('--rate', 0), 0)
    .action(async (opts) => {
      const source = opts.stdin ? 'stdin' : opts.file ? 'file' : opts.source;
      const pc: ProducerConfig = { ...c, textSource: source, textFile: opts.file ?? c.textFile };
      await runText(config, pc, opts.lines, opts.rate);
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

async function runText(config: ProducerAppConfig, pc: ProducerConfig, lines: number, rate: number): Promise<void> {
  const source = textSource(pc);
  const total = lines > 0 ? lines : Array.isArray(source) ? source.length : undefined;
  const bar = process.stderr.isTTY && total ? new cliProgress.SingleBar({ format: 'text-lines {bar} {percentage}% | {value}/{total} lines | {eta}s left' }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(total!, 0);
  const r = await withSink(config, (sink) =>
    feedLines(source, { topic: Topics.textLines, sink, scheduler: realScheduler, ratePerSecond: rate, maxLines: lines > 0 ? lines : undefined, batchSize: 5000, onProgress: (n) => bar?.update(n) }),
  );
  bar?.stop();
  process.stderr.write(`sent ${r.lines} lines in ${r.seconds.toFixed(2)} s: ${Math.round(r.linesPerSecond)} lines/s\n`);
  process.stdout.write(JSON.stringify({ source: pc.textSource, lines: r.lines, seconds: r.seconds, linesPerSecond: r.linesPerSecond }) + '\n');
}

async function runWave(config: ProducerAppConfig, series: string, valueAt: (n: number) => number, intervalMs: number, count?: number): Promise<void> {
  const n = await withSink(config, (sink) => emitWave({ topic: Topics.signals, series, valueAt, intervalMs, count, sink, scheduler: realScheduler }));
  process.stderr.write(`sent ${n} ${series} samples\n`);
  process.stdout.write(JSON.stringify({ series, samples: n }) + '\n');
}
