import type { DependencyStatus } from '@sluice/observability';

/** What the runtime knows about one assigned task, for readiness and reopen backoff. */
interface TaskRecord {
  state: 'opening' | 'running';
  /** When the task entered `state` (ms since the epoch); a failed reopen keeps the time of the first failure. */
  since: number;
  /** Failures since the task last committed a micro-batch (drives the reopen backoff). */
  failures: number;
  lastError?: string;
}

/** First reopen delay after a failure (ms); it doubles per consecutive failure. */
export const REOPEN_INITIAL_DELAY_MS = 250;
/** Cap of the reopen delay (ms), so a task that keeps failing is still retried every few seconds. */
export const REOPEN_MAX_DELAY_MS = 10_000;

/**
 * The readiness book of a runtime's tasks: which assigned task is not running, since when and why,
 * and the capped exponential backoff (250 ms doubling to 10 s) of its next reopen.
 *
 * A task is `opening` from its assignment, or from a failure (fenced producer, expired or refused
 * transaction, failed restore), until it runs again; a failure while opening keeps the original
 * `since`, so readiness tells how long the task has been out, not how long the last attempt took.
 * Pure and clock-driven (times are passed in, ms since the epoch), so it is unit-tested without Kafka.
 */
export class TaskHealth {
  private readonly tasks = new Map<string, TaskRecord>();

  /** A task was assigned and starts opening at `now`; a task already known (reopened at a rejoin) keeps its record. */
  assigned(id: string, now: number): void {
    if (!this.tasks.has(id)) this.tasks.set(id, { state: 'opening', since: now, failures: 0 });
  }

  /** The task finished opening and accepts records. */
  running(id: string, now: number): void {
    const t = this.tasks.get(id);
    if (t) Object.assign(t, { state: 'running', since: now });
  }

  /** The task committed a micro-batch: its failure streak ends. */
  committed(id: string): void {
    const t = this.tasks.get(id);
    if (t) {
      t.failures = 0;
      t.lastError = undefined;
    }
  }

  /**
   * The task failed (to open, or to commit a micro-batch) and will be reopened.
   * @returns the delay before the reopen (ms): 250 ms doubling per consecutive failure, at most 10 s
   */
  failed(id: string, error: unknown, now: number): number {
    const t = this.tasks.get(id) ?? { state: 'opening', since: now, failures: 0 };
    if (t.state === 'running') Object.assign(t, { state: 'opening', since: now });
    t.lastError = error instanceof Error ? error.message : String(error);
    const delay = Math.min(REOPEN_MAX_DELAY_MS, REOPEN_INITIAL_DELAY_MS * 2 ** Math.min(t.failures, 16));
    t.failures++;
    this.tasks.set(id, t);
    return delay;
  }

  /** The task is no longer assigned to this instance. */
  removed(id: string): void {
    this.tasks.delete(id);
  }

  /** Ids of the tasks that are not running. */
  notRunning(): string[] {
    return [...this.tasks].filter(([, t]) => t.state !== 'running').map(([id]) => id);
  }

  /**
   * Readiness of the tasks: up when every assigned task runs; otherwise down, naming each task that
   * does not, e.g. `task signals-2 opening since 12 s: <last error>` (several joined by `; `).
   */
  status(now: number): DependencyStatus {
    const down = [...this.tasks].filter(([, t]) => t.state !== 'running');
    if (down.length === 0) return { up: true };
    const detail = down
      .map(([id, t]) => `task ${id} opening since ${Math.floor((now - t.since) / 1000)} s${t.lastError ? `: ${t.lastError}` : ''}`)
      .join('; ');
    return { up: false, detail };
  }
}
