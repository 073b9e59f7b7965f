import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';

/**
 * The status record every service instance publishes every `STATUS_INTERVAL_MS` (default 2 s)
 * to the compacted topic {@link StatusTopics.status}, keyed by {@link statusKey}
 * (`<service>/<instanceId>`): the web console reads that topic to list every instance without
 * configuration, however many run. Times are epoch ms; durations are ms; sizes are bytes.
 */
const dependencySchema = z.object({ up: z.boolean(), detail: z.string().optional() });

/** One committed micro-batch of a processor instance (Spark's Streaming tab, one row). */
export const batchStatSchema = z.object({
  /** The batch time (ms since the epoch): the trigger slot for a source tick. */
  batchTime: z.number(),
  /** `source` = the interval's trigger; `internal` = a repartition run between triggers. */
  trigger: z.enum(['source', 'internal']),
  recordsIn: z.number().int().nonnegative(),
  recordsOut: z.number().int().nonnegative(),
  /** From the start of the batch to the last task's commit (ms). */
  processingMs: z.number().nonnegative(),
  /** Start of the batch minus its batch time (ms): how late the trigger ran. 0 for internal runs. */
  schedulingDelayMs: z.number().nonnegative(),
  /** Longest transaction commit of the batch's tasks (ms). */
  commitMs: z.number().nonnegative(),
  tasks: z.number().int().nonnegative(),
});
export type BatchStat = z.infer<typeof batchStatSchema>;

/** One state store of one task: keys, approximate bytes (keys + JSON values), last restore time. */
export const storeStatSchema = z.object({
  task: z.string(),
  store: z.string(),
  keys: z.number().int().nonnegative(),
  approxBytes: z.number().nonnegative(),
  /** Time the task took to restore its stores from their changelogs at its last assignment (ms). */
  restoreMs: z.number().nonnegative().nullable(),
});
export type StoreStat = z.infer<typeof storeStatSchema>;

/** One assigned input partition of the instance (a processor task or a writer's partition). */
export const assignedPartitionSchema = z.object({
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  /** Processor task status (`opening`, `running`); absent for writers. */
  status: z.string().optional(),
});

export const serviceStatusSchema = z.object({
  service: z.string().min(1),
  instanceId: z.string().min(1),
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.number(),
  publishedAt: z.number(),
  /** Publishing period (ms): a record older than a few periods means the instance is gone. */
  intervalMs: z.number().positive(),
  /** `stopped` is the last record of an instance that shut down cleanly. */
  state: z.enum(['running', 'stopped']),
  /** Readiness as `/health` computes it: each dependency check by name. */
  health: z.object({ up: z.boolean(), checks: z.record(dependencySchema) }),
  /** The consumer group the instance belongs to (processor, writers). */
  group: z.string().optional(),
  partitions: z.array(assignedPartitionSchema).default([]),
  /** Processor: the last micro-batches, oldest first. */
  batches: z.array(batchStatSchema).optional(),
  batchIntervalMs: z.number().positive().optional(),
  /** Processor: the state stores of its tasks. */
  stores: z.array(storeStatSchema).optional(),
  /** Processor: records behind the watermark since start, by input topic (dead-lettered or dropped). */
  lateRecords: z.record(z.number()).optional(),
  /** Processor: the watermark (ms since the epoch) of each event-time operator, the least advanced of its tasks, by operator name. */
  watermarks: z.record(z.number()).optional(),
  /** Writer: its store and whether writes wait on it. */
  writer: z.object({ store: z.string(), paused: z.boolean(), detail: z.string().optional() }).optional(),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;

/** Key of an instance's status record. */
export function statusKey(s: Pick<ServiceStatus, 'service' | 'instanceId'>): string {
  return `${s.service}/${s.instanceId}`;
}

/** The status record of an instance: its key and UTF-8 JSON value. */
export function encodeServiceStatus(s: ServiceStatus): { key: string; value: Buffer } {
  return { key: statusKey(s), value: Buffer.from(JSON.stringify(s)) };
}

/**
 * Decodes a status record value.
 * @returns the status, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`)
 */
export function decodeServiceStatus(value: Buffer | null, maxBytes = 1048576): Decoded<ServiceStatus> {
  return decodeJson(value, serviceStatusSchema, maxBytes) as Decoded<ServiceStatus>;
}
