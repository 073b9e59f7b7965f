import type { DependencyStatus } from '@sluice/observability';

/**
 * Liveness of a processing loop: it is stalled when work has been pending for longer than
 * `timeoutMs` without any progress. An idle service (nothing pending) is never stalled, and the
 * stall clock starts when work appears, not at the last progress before an idle hour.
 *
 * The runtime calls {@link observe} on every turn of its loop (pending = a task not running,
 * records buffered or a micro-batch in flight) and {@link progress} on every commit or task
 * opened; {@link status} is what `GET /health/live` reports, so an orchestrator restarts a process
 * that is alive but no longer moving (Kubernetes' liveness probe, compose's restart policy).
 * Times are ms since the epoch, passed in (unit-tested on virtual time).
 */
export class StallDetector {
  private lastProgress: number;
  private pendingSince: number | undefined;
  private reason = '';

  /** @param timeoutMs pending work without progress for longer than this (ms) = stalled */
  constructor(private readonly timeoutMs: number, now: number) {
    this.lastProgress = now;
  }

  /** Something moved: a micro-batch committed, a task opened. */
  progress(now: number): void {
    this.lastProgress = now;
    if (this.pendingSince !== undefined) this.pendingSince = now;
  }

  /**
   * Samples whether work is pending.
   * @param pending a short reason when work is waiting (e.g. `task words-1 not running`), else undefined
   */
  observe(pending: string | undefined, now: number): void {
    if (pending === undefined) {
      this.pendingSince = undefined;
      this.lastProgress = now;
      return;
    }
    this.reason = pending;
    this.pendingSince ??= now;
  }

  /** Down when work has waited longer than the timeout since it appeared or since the last progress. */
  status(now: number): DependencyStatus {
    if (this.pendingSince === undefined) return { up: true };
    const stuckFor = now - Math.max(this.pendingSince, this.lastProgress);
    if (stuckFor <= this.timeoutMs) return { up: true };
    return { up: false, detail: `no progress for ${Math.floor(stuckFor / 1000)} s (limit ${Math.floor(this.timeoutMs / 1000)} s): ${this.reason}` };
  }
}
