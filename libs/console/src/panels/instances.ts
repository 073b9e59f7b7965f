import { decodeServiceStatus, ServiceStatus } from '@sluice/contracts';

/** How an instance looks on the Services panel. */
export type InstanceState = 'up' | 'degraded' | 'down';

/** One instance of a service as the console shows it (times in ms). */
export interface InstanceView {
  key: string;
  service: string;
  instanceId: string;
  host: string;
  pid: number;
  state: InstanceState;
  /** Why it is degraded or down (`stopped`, `no status for 12 s`, the failing checks). */
  reason?: string;
  uptimeMs: number;
  /** Time since its last status record. */
  ageMs: number;
  group?: string;
  partitions: ServiceStatus['partitions'];
  checks: ServiceStatus['health']['checks'];
  writer?: ServiceStatus['writer'];
}

/** Status periods an instance may miss before it is shown down. */
export const MISSED_PERIODS_BEFORE_DOWN = 5;
/** Slack added to that deadline (ms): a loaded machine delays timers. */
export const DOWN_GRACE_MS = 2000;

/**
 * The latest status record of every instance, read from the compacted status topic (key
 * `<service>/<instanceId>`; a tombstone forgets the instance). An instance is `down` when its
 * last record says `stopped` or is older than 5 periods + 2 s, `degraded` when a readiness check
 * fails, `up` otherwise. Pure apart from the records it is given; times are passed in.
 */
export class InstanceBook {
  private readonly latest = new Map<string, ServiceStatus>();
  rejected = 0;

  /**
   * Applies one record of the status topic.
   * @returns false when the value is not a valid status record (counted in `rejected`)
   */
  apply(key: string | null, value: Buffer | null): boolean {
    if (key !== null && value === null) {
      this.latest.delete(key);
      return true;
    }
    const d = decodeServiceStatus(value);
    if (!d.ok) {
      this.rejected++;
      return false;
    }
    const k = key ?? `${d.value.service}/${d.value.instanceId}`;
    const prev = this.latest.get(k);
    if (!prev || prev.publishedAt <= d.value.publishedAt) this.latest.set(k, d.value);
    return true;
  }

  /** Every status record kept (newest per instance). */
  statuses(): ServiceStatus[] {
    return [...this.latest.values()];
  }

  /**
   * Instances sorted by service then start time; those whose last record is older than
   * `forgetAfterMs` are dropped from the book.
   */
  views(now: number, forgetAfterMs: number): InstanceView[] {
    const out: InstanceView[] = [];
    for (const [key, s] of this.latest) {
      const ageMs = Math.max(0, now - s.publishedAt);
      if (ageMs > forgetAfterMs) {
        this.latest.delete(key);
        continue;
      }
      out.push({
        key,
        service: s.service,
        instanceId: s.instanceId,
        host: s.host,
        pid: s.pid,
        ...instanceState(s, ageMs),
        uptimeMs: s.state === 'running' ? Math.max(0, now - s.startedAt) : Math.max(0, s.publishedAt - s.startedAt),
        ageMs,
        group: s.group,
        partitions: s.partitions,
        checks: s.health.checks,
        writer: s.writer,
      });
    }
    return out.sort((a, b) => a.service.localeCompare(b.service) || a.key.localeCompare(b.key));
  }

  /** Consumer groups named by the instances kept (live or not): the groups whose lag is read. */
  groups(): string[] {
    return [...new Set(this.statuses().flatMap((s) => (s.group ? [s.group] : [])))].sort();
  }
}

/** The state of an instance from its last record and that record's age (ms). */
export function instanceState(s: ServiceStatus, ageMs: number): { state: InstanceState; reason?: string } {
  if (s.state === 'stopped') return { state: 'down', reason: 'stopped' };
  if (ageMs > MISSED_PERIODS_BEFORE_DOWN * s.intervalMs + DOWN_GRACE_MS) return { state: 'down', reason: `no status for ${Math.round(ageMs / 1000)} s` };
  if (!s.health.up) {
    const failing = Object.entries(s.health.checks).filter(([, c]) => !c.up);
    return { state: 'degraded', reason: failing.map(([n, c]) => (c.detail ? `${n}: ${c.detail}` : n)).join('; ') || 'not ready' };
  }
  return { state: 'up' };
}
