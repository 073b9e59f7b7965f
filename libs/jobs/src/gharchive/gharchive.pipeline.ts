import { byCountDescThenKey, MicroBatchStream, topN } from '@sluice/streaming';
import { dayCountCodec, dayKey, splitDayKey } from './day-key';
import type { GhEvent } from './gharchive-events.source';

/** Stable names of the job's shuffles (`<group>-<name>-repartition`) and stores. */
export const GH_DAY_TYPES = 'gharchive-day-types';
export const GH_DAY_REPOS = 'gharchive-day-repos';

/** Options of the `gharchive` pipelines. */
export interface GharchiveOptions {
  batchIntervalMs: number;
  /** Repositories per day in the ranking. Default 10. */
  topN?: number;
}

/** A day's event counts per type. */
export interface DayTypeCounts {
  date: string;
  counts: Record<string, number>;
  updatedAtMs: number;
}

/** A day's most active repositories. */
export interface DayTopRepos {
  date: string;
  top: Array<{ repo: string; count: number }>;
  updatedAtMs: number;
}

const sum = (ns: number[], total: number | undefined) => ns.reduce((a, b) => a + b, total ?? 0);

/**
 * The bronze layer (seed 002's landing → bronze): every decoded event, unchanged, for the store
 * that partitions it by day. Stateless; no shuffle (the result topic is keyed by event id).
 */
export function gharchiveBronzePipeline(o: GharchiveOptions): MicroBatchStream<GhEvent, GhEvent> {
  return MicroBatchStream.source<GhEvent>({ batchIntervalMs: o.batchIntervalMs }).map((e) => e);
}

/**
 * Running totals per `(day, name)` — `map((day|name, 1)).reduceByKey(+)` per batch, repartitioned
 * by **day**, then `updateStateByKey(sum)` emitting a snapshot, so that each batch sees every name
 * of the days it updated: the per-day aggregates need a whole day in one task (as a top-N needs
 * every key of its group). The days are event-time days (`created_at`, UTC): a late event updates
 * its own day, whenever it arrives; days are never closed (no watermark), as a table of totals.
 */
function perDay(o: GharchiveOptions, name: string, nameOf: (e: GhEvent) => string) {
  return MicroBatchStream.source<GhEvent>({ batchIntervalMs: o.batchIntervalMs })
    .mapToPair((e) => [dayKey(e.eventDate, nameOf(e)), 1])
    .countByKey()
    .repartition(name, ([k]) => splitDayKey(k)[0], { codec: dayCountCodec })
    .updateStateByKey<string, number, number>(sum, { name, emit: 'snapshot' })
    .transform((states, t) => {
      const updated = new Set<string>();
      const byDay = new Map<string, Array<[string, number]>>();
      for (const s of states) {
        if (s.kind !== 'state') continue;
        const [day, n] = splitDayKey(s.key);
        if (s.updated) updated.add(day);
        const list = byDay.get(day) ?? [];
        list.push([n, s.state]);
        byDay.set(day, list);
      }
      return [...updated].sort().map((day) => ({ day, pairs: byDay.get(day)!, t }));
    });
}

/**
 * Events per UTC day and type (GH Archive `type`: `PushEvent`, `WatchEvent`, …), since the start:
 * one record per day updated in the batch, holding every type of that day.
 */
export function gharchiveTypeCountsPipeline(o: GharchiveOptions): MicroBatchStream<GhEvent, DayTypeCounts> {
  return perDay(o, GH_DAY_TYPES, (e) => e.type).map(({ day, pairs, t }) => ({
    date: day,
    counts: Object.fromEntries([...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))),
    updatedAtMs: t,
  }));
}

/**
 * The N repositories with the most events of each UTC day, count descending, ties by name
 * ascending: one ranking per day updated in the batch.
 */
export function gharchiveTopReposPipeline(o: GharchiveOptions): MicroBatchStream<GhEvent, DayTopRepos> {
  return perDay(o, GH_DAY_REPOS, (e) => e.repo).map(({ day, pairs, t }) => ({
    date: day,
    top: topN(pairs, o.topN ?? 10, byCountDescThenKey).map(([repo, count]) => ({ repo, count })),
    updatedAtMs: t,
  }));
}
