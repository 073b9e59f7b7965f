import type { ServiceStatus } from '@sluice/contracts';
import type { DependencyStatus } from '@sluice/observability';

/** What a service adds to its status record beyond identity and health (all optional). */
export type StatusDetails = Partial<Pick<ServiceStatus, 'group' | 'partitions' | 'batches' | 'batchIntervalMs' | 'stores' | 'lateRecords' | 'watermarks' | 'writer'>>;

/** A provider whose `statusDetails()` the publisher calls on every tick (processor, writers). */
export interface StatusSource {
  statusDetails(): StatusDetails;
}

/** Who publishes: fixed for the life of the process. */
export interface StatusIdentity {
  service: string;
  instanceId: string;
  host: string;
  pid: number;
  startedAt: number;
  intervalMs: number;
}

/** Longest check detail kept in a status record (characters). */
export const STATUS_DETAIL_MAX_CHARS = 500;

/**
 * Builds one status record from the instance's identity, the readiness checks' results (by
 * check name, as `/health` computes them) and the service's details. Pure.
 * @param now publication time (ms since the epoch)
 */
export function buildStatus(
  id: StatusIdentity,
  checks: ReadonlyArray<readonly [string, DependencyStatus]>,
  details: StatusDetails,
  now: number,
  state: ServiceStatus['state'] = 'running',
): ServiceStatus {
  const byName: Record<string, DependencyStatus> = {};
  for (const [name, s] of checks) byName[name] = s.detail === undefined ? { up: s.up } : { up: s.up, detail: s.detail.slice(0, STATUS_DETAIL_MAX_CHARS) };
  return {
    ...id,
    publishedAt: now,
    state,
    health: { up: state === 'running' && checks.every(([, s]) => s.up), checks: byName },
    partitions: state === 'running' ? (details.partitions ?? []) : [],
    ...(details.group !== undefined && { group: details.group }),
    ...(details.batches && { batches: details.batches }),
    ...(details.batchIntervalMs !== undefined && { batchIntervalMs: details.batchIntervalMs }),
    ...(details.stores && { stores: details.stores }),
    ...(details.lateRecords && { lateRecords: details.lateRecords }),
    ...(details.watermarks && { watermarks: details.watermarks }),
    ...(details.writer && { writer: details.writer }),
  };
}
