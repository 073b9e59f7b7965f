import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PipelineTestDriver, type Pipeline } from '@sluice/streaming';
import { decodeGhEvent, type GhEvent } from './gharchive-events.source';
import { gharchiveBronzePipeline, gharchiveTopReposPipeline, gharchiveTypeCountsPipeline } from './gharchive.pipeline';

/**
 * Golden tests of `gharchive` on the real GH Archive hours in ../shared/data/gharchive (200 events
 * each of 2021-07-21 06-09 UTC): the job's pipelines, fed in micro-batches of several sizes, against
 * the aggregates computed here from the raw JSON (the definition: events per `created_at` UTC day
 * and `type`; repositories per day by count descending, ties by name ascending, top 10).
 */
const DIR = path.resolve(__dirname, '../../../../../shared/data/gharchive');
const FILES = ['2021-07-21-6.json', '2021-07-21-7.json', '2021-07-21-8.json', '2021-07-21-9.json'];
const times = { maxSkewMs: 86_400_000, now: () => Date.now() };
const raw = () => FILES.flatMap((f) => readFileSync(path.join(DIR, f), 'utf8').split('\n').filter((l) => l.trim() !== ''));

function run<O>(build: () => { build(): Pipeline<GhEvent, O, never> }, events: readonly GhEvent[], size: number): O[] {
  const d = new PipelineTestDriver(() => build().build(), { batchIntervalMs: 1000 });
  const out: O[] = [];
  for (let i = 0; i < events.length; i += size) out.push(...d.runBatch(events.slice(i, i + size)).records);
  return out;
}
/** The last record of each day. */
const latestByDay = <O extends { date: string }>(records: readonly O[]) => new Map(records.map((r) => [r.date, r]));

(existsSync(DIR) ? describe : describe.skip)('gharchive on real GH Archive hours', () => {
  const lines = raw();
  const events = lines.map((l) => {
    const d = decodeGhEvent(Buffer.from(l), 1_000_000, times);
    if (!d.ok) throw new Error(`a real event was refused: ${d.detail}`);
    return d.value;
  });
  const truth = (() => {
    const types = new Map<string, Map<string, number>>();
    const repos = new Map<string, Map<string, number>>();
    for (const l of lines) {
      const e = JSON.parse(l);
      const day = new Date(e.created_at).toISOString().slice(0, 10);
      const t = types.get(day) ?? new Map<string, number>();
      t.set(e.type, (t.get(e.type) ?? 0) + 1);
      types.set(day, t);
      const r = repos.get(day) ?? new Map<string, number>();
      r.set(e.repo.name, (r.get(e.repo.name) ?? 0) + 1);
      repos.set(day, r);
    }
    return { types, repos };
  })();

  it('reads the 800 events of one day', () => {
    expect(events).toHaveLength(800);
    expect([...truth.types.keys()]).toEqual(['2021-07-21']);
    expect(new Set(events.map((e) => e.eventHour))).toEqual(new Set([6, 7, 8, 9]));
  });

  it('keeps every event in the bronze layer, once', () => {
    const bronze = run(() => gharchiveBronzePipeline({ batchIntervalMs: 1000 }), events, 64);
    expect(bronze.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('counts the events per day and type as the definition, whatever the batching', () => {
    const expected = Object.fromEntries([...truth.types.get('2021-07-21')!].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(expected.PushEvent).toBe(425);
    for (const size of [1, 37, 800]) {
      const days = latestByDay(run(() => gharchiveTypeCountsPipeline({ batchIntervalMs: 1000 }), events, size));
      expect([...days.keys()]).toEqual(['2021-07-21']);
      expect(days.get('2021-07-21')!.counts).toEqual(expected);
    }
  });

  it('ranks the top 10 repositories of the day as the definition, ties by name', () => {
    const expected = [...truth.repos.get('2021-07-21')!]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, 10)
      .map(([repo, count]) => ({ repo, count }));
    expect(expected[0]).toEqual({ repo: 'vpnsuperapp/fast', count: 16 });
    // The tenth place is a tie broken by name: a real case of the rule.
    expect(expected[9].count).toBe(expected[8].count);
    for (const size of [1, 100, 800]) {
      expect(latestByDay(run(() => gharchiveTopReposPipeline({ batchIntervalMs: 1000, topN: 10 }), events, size)).get('2021-07-21')!.top).toEqual(expected);
    }
  });
});
