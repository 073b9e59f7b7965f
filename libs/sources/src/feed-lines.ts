import { Pacer } from './pacer';
import { RecordSink, Scheduler } from './record-sink';

export interface FeedLinesOptions {
  topic: string;
  sink: RecordSink;
  scheduler: Scheduler;
  /** Lines per second; 0 = as fast as possible. */
  ratePerSecond: number;
  /** Stop after this many lines (repeating a finite source); undefined = when the source ends. */
  maxLines?: number;
  /** Lines per send (as fast as possible); paced mode sends what is due every `tickMs`. */
  batchSize?: number;
  tickMs?: number;
  signal?: AbortSignal;
  onProgress?: (sent: number) => void;
}

/** Totals of a feed: lines sent and seconds taken. */
export interface FeedResult {
  lines: number;
  seconds: number;
  linesPerSecond: number;
}

/**
 * Publishes lines without key, each record timestamped at its send time. A finite array source is
 * repeated until `maxLines`; an async source (stdin) is read once.
 */
export async function feedLines(source: readonly string[] | AsyncIterable<string>, o: FeedLinesOptions): Promise<FeedResult> {
  const started = o.scheduler.now();
  const pacer = new Pacer(o.ratePerSecond, started);
  const batchSize = o.batchSize ?? 1000;
  const tickMs = o.tickMs ?? 20;
  let sent = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const ts = o.scheduler.now();
    await o.sink.send(o.topic, pending.map((value) => ({ value, timestamp: ts })));
    sent += pending.length;
    pending = [];
    o.onProgress?.(sent);
  };
  for await (const line of cycle(source, o.maxLines)) {
    if (o.signal?.aborted) break;
    pending.push(line);
    if (o.ratePerSecond <= 0) {
      if (pending.length >= batchSize) await flush();
      continue;
    }
    if (sent + pending.length >= pacer.due(o.scheduler.now())) {
      await flush();
      await o.scheduler.sleep(Math.max(pacer.waitFor(sent - 1, o.scheduler.now()), Math.min(tickMs, pacer.waitFor(sent, o.scheduler.now()))), o.signal);
    }
  }
  await flush();
  const seconds = Math.max(0.001, (o.scheduler.now() - started) / 1000);
  return { lines: sent, seconds, linesPerSecond: sent / seconds };
}

async function* cycle(source: readonly string[] | AsyncIterable<string>, maxLines?: number): AsyncGenerator<string> {
  if (!Array.isArray(source)) {
    let n = 0;
    for await (const line of source as AsyncIterable<string>) {
      if (maxLines !== undefined && n++ >= maxLines) return;
      yield line;
    }
    return;
  }
  const lines = source as readonly string[];
  if (lines.length === 0) return;
  const total = maxLines ?? lines.length;
  for (let i = 0; i < total; i++) yield lines[i % lines.length];
}
