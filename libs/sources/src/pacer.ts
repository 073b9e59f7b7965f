/**
 * Paces a producer at a steady rate: `due(now)` tells how many items should have been sent by
 * `now` since `start`, so a caller sends `due − sent` every tick and never drifts, whatever the
 * send latency (the schedule is absolute, not "sleep after each send").
 *
 * @param ratePerSecond items per second; 0 = as fast as possible (everything is always due)
 */
export class Pacer {
  constructor(private readonly ratePerSecond: number, private readonly startMs: number) {}

  /** Items due by `nowMs` (ms since the epoch). */
  due(nowMs: number): number {
    if (this.ratePerSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.floor(((nowMs - this.startMs) * this.ratePerSecond) / 1000);
  }

  /** ms until the item with index `sent` is due (0 when already due). */
  waitFor(sent: number, nowMs: number): number {
    if (this.ratePerSecond <= 0) return 0;
    const dueAt = this.startMs + ((sent + 1) * 1000) / this.ratePerSecond;
    return Math.max(0, Math.ceil(dueAt - nowMs));
  }
}
