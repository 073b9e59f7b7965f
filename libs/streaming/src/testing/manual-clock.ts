/**
 * A clock that moves only when told to: the virtual time of {@link PipelineTestDriver}, as
 * RxJS's `TestScheduler` or Kafka Streams' `TopologyTestDriver#advanceWallClockTime` give tests.
 * Times are ms since the epoch.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(1000);
 * clock.advance(500);
 * clock.now(); // 1500
 * ```
 */
export class ManualClock {
  constructor(private current = 0) {}

  /** The current virtual time (ms). Usable wherever a `() => number` clock is injected. */
  readonly now = (): number => this.current;

  /**
   * Moves the clock forward by `ms`.
   * @throws RangeError when `ms` is negative or not finite (virtual time never goes back)
   */
  advance(ms: number): number {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`a manual clock only moves forward, got ${ms} ms`);
    return (this.current += ms);
  }

  /**
   * Sets the clock to `ms`.
   * @throws RangeError when `ms` is earlier than the current time
   */
  set(ms: number): number {
    if (!(ms >= this.current)) throw new RangeError(`a manual clock only moves forward: ${ms} ms is before ${this.current} ms`);
    return (this.current = ms);
  }
}
