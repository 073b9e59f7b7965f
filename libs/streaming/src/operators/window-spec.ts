import { PipelineDefinitionError } from '../stream/pipeline-definition-error';

/**
 * Processing-time windows over micro-batches: a length and a slide, both in ms.
 *
 * Semantics (Spark Streaming's `window(windowDuration, slideDuration)`):
 * - a window is computed only at **slide points**, the batch times `t` that are multiples of the
 *   slide; Sluice aligns them to the epoch (`t % slide === 0`) so a restarted task slides at the
 *   same times (Spark aligns them to its `zeroTime`, restored from the checkpoint);
 * - the window at `t` holds the batches whose batch time `b` satisfies `t - length < b <= t`,
 *   i.e. the last `length / batchInterval` batches, `t` included — `(t - length, t]`;
 * - length and slide must be positive multiples of the parent stream's slide duration (the batch
 *   interval for a source stream), otherwise building the pipeline fails, as in Spark.
 *   A slide longer than the length is allowed (batches between windows belong to none).
 *
 * Made by named factories so a caller decides on both values, as Kafka Streams' `TimeWindows`
 * factories force a decision on size and grace.
 *
 * @example
 * ```ts
 * BatchWindows.sliding(30_000, 10_000); // every 10 s, the last 30 s of batches
 * BatchWindows.tumbling(60_000);        // every 60 s, the last 60 s (no overlap)
 * ```
 * @see EventTimeWindows for windows over the records' own timestamps.
 */
export class BatchWindows {
  private constructor(
    /** Window length (ms). */
    readonly lengthMs: number,
    /** Slide: how often the window is computed (ms). */
    readonly slideMs: number,
  ) {}

  /** Windows of `lengthMs` computed every `slideMs` (Spark's `window(length, slide)`). */
  static sliding(lengthMs: number, slideMs: number): BatchWindows {
    return new BatchWindows(lengthMs, slideMs);
  }

  /** Non-overlapping windows: slide = length (Spark's `window(length, length)`). */
  static tumbling(lengthMs: number): BatchWindows {
    return new BatchWindows(lengthMs, lengthMs);
  }

  /**
   * Checks the windows against the slide duration of the stream they are applied to.
   * @throws PipelineDefinitionError naming the operator, the length, the slide and the parent's
   *   slide duration when either is not a positive integer multiple of `parentSlideMs`
   */
  checkAgainst(parentSlideMs: number, operator: string): void {
    const bad = [this.lengthMs, this.slideMs].filter((v) => !(Number.isInteger(v) && v > 0 && v % parentSlideMs === 0));
    if (bad.length > 0) {
      throw new PipelineDefinitionError(
        `operator "${operator}": window length ${this.lengthMs} ms and slide ${this.slideMs} ms must both be positive multiples ` +
          `of the parent stream's slide duration (${parentSlideMs} ms; the batch interval for a source stream); ${bad.join(' ms and ')} ms ${bad.length > 1 ? 'are' : 'is'} not`,
      );
    }
  }

  /** The latest slide point at or before `timeMs`. */
  slidePointAtOrBefore(timeMs: number): number {
    return Math.floor(timeMs / this.slideMs) * this.slideMs;
  }

  /**
   * Slide points `p` with `after < p <= upTo` whose window `(p - length, p]` holds at least one
   * of `slots` (batch times), ascending. Windows holding no batch are skipped: they would be empty.
   */
  nonEmptySlidePoints(after: number, upTo: number, slots: Iterable<number>): number[] {
    const points = new Set<number>();
    for (const s of slots) {
      for (let p = Math.ceil(s / this.slideMs) * this.slideMs; p < s + this.lengthMs && p <= upTo; p += this.slideMs) {
        if (p > after) points.add(p);
      }
    }
    return [...points].sort((a, b) => a - b);
  }
}
