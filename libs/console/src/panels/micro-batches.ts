import type { BatchStat, ServiceStatus } from '@sluice/contracts';

/** One micro-batch on the timeline, with the rates of Spark's Streaming tab (records/s). */
export interface BatchRow extends BatchStat {
  /** Records in per second of batch interval: the input rate. */
  inputRate: number;
  /** Records in per second of processing: the processing rate. */
  processingRate: number;
  /** Processing took longer than the batch interval (the next batch starts late). */
  slow: boolean;
}

/** The Micro-batches panel of one processor instance. */
export interface BatchTimeline {
  instance: string;
  group?: string;
  batchIntervalMs: number;
  batches: BatchRow[];
  slowBatches: number;
}

/**
 * Per processor instance, its last micro-batches with input rate (`recordsIn / interval`),
 * processing rate (`recordsIn / processing time`) and `slow` when processing exceeded the batch
 * interval, as Spark's Streaming tab marks them. Pure.
 */
export function batchTimelines(statuses: readonly ServiceStatus[]): BatchTimeline[] {
  return statuses
    .filter((s) => s.batches && s.batchIntervalMs && s.state === 'running')
    .map((s) => {
      const interval = s.batchIntervalMs!;
      const batches = s.batches!.map((b) => ({
        ...b,
        inputRate: b.recordsIn / (interval / 1000),
        processingRate: b.processingMs > 0 ? b.recordsIn / (b.processingMs / 1000) : 0,
        slow: b.processingMs > interval,
      }));
      return { instance: `${s.service}/${s.instanceId}`, group: s.group, batchIntervalMs: interval, batches, slowBatches: batches.filter((b) => b.slow).length };
    })
    .sort((a, b) => a.instance.localeCompare(b.instance));
}

/** The State panel: one row per store, summed over the tasks of the live processor instances. */
export interface StoreRow {
  group?: string;
  store: string;
  keys: number;
  approxBytes: number;
  tasks: number;
  /** Longest restore among its tasks at their last assignment (ms). */
  maxRestoreMs: number | null;
}

/** An event-time operator's watermark in a group: the least advanced of its instances (ms since the epoch). */
export interface WatermarkRow {
  group?: string;
  operator: string;
  watermarkMs: number;
}

/**
 * Stores summed over tasks and instances, late records per topic per group, and each event-time
 * operator's watermark per group (the least among the instances, each already the least of its
 * tasks: the job has progressed that far in event time on every partition). Pure.
 */
export function stateRows(statuses: readonly ServiceStatus[]): { stores: StoreRow[]; late: Array<{ group?: string; topic: string; count: number }>; watermarks: WatermarkRow[] } {
  const stores = new Map<string, StoreRow>();
  const late = new Map<string, { group?: string; topic: string; count: number }>();
  const watermarks = new Map<string, WatermarkRow>();
  for (const s of statuses) {
    if (s.state !== 'running') continue;
    for (const st of s.stores ?? []) {
      const id = `${s.group}\u0000${st.store}`;
      const row = stores.get(id) ?? { group: s.group, store: st.store, keys: 0, approxBytes: 0, tasks: 0, maxRestoreMs: null };
      row.keys += st.keys;
      row.approxBytes += st.approxBytes;
      row.tasks++;
      if (st.restoreMs !== null) row.maxRestoreMs = Math.max(row.maxRestoreMs ?? 0, st.restoreMs);
      stores.set(id, row);
    }
    for (const [topic, count] of Object.entries(s.lateRecords ?? {})) {
      const id = `${s.group}\u0000${topic}`;
      const row = late.get(id) ?? { group: s.group, topic, count: 0 };
      row.count += count;
      late.set(id, row);
    }
    for (const [operator, ms] of Object.entries(s.watermarks ?? {})) {
      const id = `${s.group}\u0000${operator}`;
      const row = watermarks.get(id);
      if (!row || ms < row.watermarkMs) watermarks.set(id, { group: s.group, operator, watermarkMs: ms });
    }
  }
  return {
    stores: [...stores.values()].sort((a, b) => a.store.localeCompare(b.store)),
    late: [...late.values()].sort((a, b) => a.topic.localeCompare(b.topic)),
    watermarks: [...watermarks.values()].sort((a, b) => a.operator.localeCompare(b.operator)),
  };
}

/** A server (Kafka, a store) as the instances' readiness checks see it. */
export interface ServerRow {
  name: string;
  up: boolean;
  /** Instances whose check of it is up / that check it. */
  upCount: number;
  checkedBy: number;
  detail?: string;
}

/** Check names that are the service's own state, not a server. */
const OWN_CHECKS = new Set(['tasks', 'progress', 'feed']);

/** Servers from the live instances' checks: up when every instance that checks it sees it up. Pure. */
export function serverRows(statuses: readonly ServiceStatus[]): ServerRow[] {
  const rows = new Map<string, ServerRow>();
  for (const s of statuses) {
    if (s.state !== 'running') continue;
    for (const [name, c] of Object.entries(s.health.checks)) {
      if (OWN_CHECKS.has(name)) continue;
      const row = rows.get(name) ?? { name, up: true, upCount: 0, checkedBy: 0 };
      row.checkedBy++;
      if (c.up) row.upCount++;
      else {
        row.up = false;
        row.detail ??= c.detail;
      }
      rows.set(name, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}
