/**
 * npm run bench:console — the web console's own cost while a backlog drains.
 *
 * 1,000,000 lines of Don Quijote are loaded into `text-lines`; then the console, BENCH_PROCESSORS
 * (3) processor instances (jobs word-counts and word-counts-windowed) and a Redis writer start on a
 * status topic of this run. From the processors' start to the commit of the last line (and for
 * BENCH_TAIL_SECONDS after), the console's CPU time is read from /proc/<pid>/stat every second,
 * one server-sent event stream is kept open as a page would, and GET /api/snapshot is timed every
 * second. Printed: the console's average and busiest-5-s CPU in % of one core, snapshot latency
 * p50/p99, events received per second, instances seen.
 *
 * Resets `text-lines` and `word-counts` (as bench:wordcount does); own consumer groups, Redis db 9.
 * Env: BENCH_LINES (1000000), BENCH_PROCESSORS (3), BENCH_TAIL_SECONDS (10), BATCH_INTERVAL_MS (1000).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processEnv } from '@sluice/config';
import { dlqTopic, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { flushRedisDb, produceLines, quijoteLines, resetTopics, ServiceProcess, testKafka, testRedisUrl, waitFor } from '@sluice/testing';
import { committedRecords, printTable, quantile, sleep } from './bench-kit';

const env = processEnv();
const LINES = Number(env.BENCH_LINES ?? 1_000_000);
const PROCESSORS = Number(env.BENCH_PROCESSORS ?? 3);
const TAIL_SECONDS = Number(env.BENCH_TAIL_SECONDS ?? 10);
const BATCH_INTERVAL_MS = Number(env.BATCH_INTERVAL_MS ?? 1000);
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User + system CPU time of a process (ms), from /proc/<pid>/stat (fields 14 and 15, clock ticks). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Keeps one server-sent event stream open and counts the snapshots received. */
function listen(url: string): { events: () => number; close: () => void } {
  const ac = new AbortController();
  let events = 0;
  void (async () => {
    const r = await fetch(url, { signal: ac.signal });
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let tail = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const text = tail + decoder.decode(value, { stream: true });
      const parts = text.split('\n\n');
      tail = parts.pop() ?? '';
      events += parts.filter((p) => p.includes('event: snapshot')).length;
    }
  })().catch(() => undefined);
  return { events: () => events, close: () => ac.abort() };
}

async function main(): Promise<void> {
  const kafka = testKafka('bench-console');
  const run = Date.now().toString(36);
  const group = `bench-console-${run}`;
  const common = { STATUS_TOPIC: `sluice-status-bench-${run}`, LOG_LEVEL: 'warn' };
  const services: ServiceProcess[] = [];
  try {
    await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    await flushRedisDb(testRedisUrl(9));
    const producer = await RecordProducer.connect(kafka);
    await produceLines(producer, Topics.textLines, quijoteLines(LINES), 5000);
    await producer.disconnect();

    const web = new ServiceProcess('console', `${group}-console`, common);
    services.push(web);
    await web.start();
    const sse = listen(`http://127.0.0.1:${web.port}/api/events`);
    const writer = new ServiceProcess('redis-writer', `${group}-redis-writer`, { ...common, REDIS_URL: testRedisUrl(9), WRITER_GROUP_ID: `${group}-redis` });
    const processors = Array.from({ length: PROCESSORS }, (_, i) =>
      new ServiceProcess('processor', `${group}-processor-${i}`, { ...common, PROCESSOR_GROUP_ID: group, JOBS: 'word-counts,word-counts-windowed', BATCH_INTERVAL_MS: String(BATCH_INTERVAL_MS) }),
    );
    services.push(writer, ...processors);
    const pid = web.pid!;
    const samples: Array<{ at: number; cpu: number }> = [{ at: Date.now(), cpu: cpuMs(pid) }];
    const latencies: number[] = [];
    let instances = 0;
    let stop = false;
    const sampler = (async () => {
      while (!stop) {
        await sleep(1000);
        samples.push({ at: Date.now(), cpu: cpuMs(pid) });
        const t = Date.now();
        const r = await fetch(`http://127.0.0.1:${web.port}/api/snapshot`);
        const body = (await r.json()) as { services: { instances: unknown[] } };
        latencies.push(Date.now() - t);
        instances = Math.max(instances, body.services.instances.length);
      }
    })();
    const eventsAtStart = sse.events();
    const started = Date.now();
    await Promise.all([writer.start(), ...processors.map((p) => p.start())]);
    const admin = kafka.admin();
    await admin.connect();
    await waitFor('all lines committed', async () => ((await committedRecords(admin, group, Topics.textLines)) >= LINES ? true : undefined), { intervalMs: 250, timeoutMs: 900000 });
    const drainSeconds = (Date.now() - started) / 1000;
    await sleep(TAIL_SECONDS * 1000);
    stop = true;
    await sampler;
    await admin.disconnect();
    const seconds = (samples[samples.length - 1].at - samples[0].at) / 1000;
    const events = sse.events() - eventsAtStart;
    sse.close();

    const totalCpu = ((samples[samples.length - 1].cpu - samples[0].cpu) / (seconds * 1000)) * 100;
    let busiest = 0;
    for (let i = 5; i < samples.length; i++) busiest = Math.max(busiest, ((samples[i].cpu - samples[i - 5].cpu) / (samples[i].at - samples[i - 5].at)) * 100);
    const rows: Array<[string, string | number]> = [
      ['lines drained', LINES],
      ['processor instances', PROCESSORS],
      ['instances the console listed', instances],
      ['drain (processors started → last line committed)', `${drainSeconds.toFixed(1)} s`],
      ['console CPU, average over the run', `${totalCpu.toFixed(1)} % of one core over ${seconds.toFixed(0)} s`],
      ['console CPU, busiest 5 s', `${busiest.toFixed(1)} % of one core`],
      ['GET /api/snapshot p50 / p99', `${quantile(latencies, 0.5)} / ${quantile(latencies, 0.99)} ms`],
      ['server-sent events received', `${events} (${(events / seconds).toFixed(2)}/s)`],
    ];
    printTable(`bench:console (${new Date().toISOString()}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`, rows);
    process.stdout.write(`${JSON.stringify({ bench: 'console', lines: LINES, processors: PROCESSORS, instances, drainSeconds, cpuPercent: totalCpu, busiestCpuPercent: busiest, snapshotP50Ms: quantile(latencies, 0.5), snapshotP99Ms: quantile(latencies, 0.99), eventsPerSecond: events / seconds })}\n`);
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench:console failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
