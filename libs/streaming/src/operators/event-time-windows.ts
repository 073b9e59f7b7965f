import { PipelineDefinitionError } from '../stream/pipeline-definition-error';

/**
 * Event-time windows: fixed-size windows `[start, end)` over the records' own timestamps, aligned
 * to the epoch, with an allowed lateness that decides when a window is final.
 *
 * Semantics (Kafka Streams' `TimeWindows`, with its grace period called allowed lateness here):
 * - **Bounds.** A window starts at a multiple of the advance (`start % advance === 0`, epoch
 *   aligned) and covers `[start, start + size)`: a record at exactly `start` is in it, a record at
 *   exactly `end` is in the next one. Tumbling: advance = size, one window per record. Hopping:
 *   advance < size, `size / advance` windows per record (when size is a multiple of the advance).
 * - **Watermark** = the greatest event time seen by the operator (in this task) − allowed lateness.
 * - **Closed window.** A window is closed once `end <= watermark`, i.e. `end + lateness <= max
 *   event time` — Kafka Streams' rule (`KStreamWindowAggregate` accepts a record into a window only
 *   while `windowEnd > streamTime - grace`). A record is **late** when every window it belongs to
 *   is closed; a record with some windows still open updates those and is not late.
 * - **Micro-batch watermark.** Records of a batch are judged against the watermark as it stood at the
 *   end of the previous batch; the watermark then advances with the batch's records (Spark Structured
 *   Streaming updates its watermark between triggers the same way). So the order of records inside a
 *   batch never changes which ones are late.
 * - **Final result** of a window: emitted once, in the batch whose records moved the watermark to or
 *   past its end; its state is then deleted. The watermark only moves with records: an idle task
 *   holds its windows open.
 *
 * Named factories force a decision on lateness, as `TimeWindows.ofSizeAndGrace` /
 * `ofSizeWithNoGrace` do.
 *
 * @example
 * ```ts
 * EventTimeWindows.ofSizeAndLateness(10_000, 5_000);                  // tumbling 10 s, 5 s late data accepted
 * EventTimeWindows.ofSizeWithNoLateness(60_000).advanceBy(10_000);    // hopping 60 s every 10 s
 * ```
 * @throws PipelineDefinitionError when size or advance is not a positive integer, the advance exceeds
 *   the size, or the lateness is negative
 */
export class EventTimeWindows {
  private constructor(
    /** Window size (ms). */
    readonly sizeMs: number,
    /** Distance between window starts (ms); equal to the size for tumbling windows. */
    readonly advanceMs: number,
    /** Allowed lateness (ms): how far behind the greatest event time a window stays open. */
    readonly allowedLatenessMs: number,
  ) {
    if (!(Number.isInteger(sizeMs) && sizeMs > 0)) throw new PipelineDefinitionError(`event-time window size must be a positive integer of ms, got ${sizeMs}`);
    if (!(Number.isInteger(advanceMs) && advanceMs > 0 && advanceMs <= sizeMs)) {
      throw new PipelineDefinitionError(`event-time window advance must be a positive integer of ms no larger than the size (${sizeMs} ms), got ${advanceMs}`);
    }
    if (!(Number.isInteger(allowedLatenessMs) && allowedLatenessMs >= 0)) {
      throw new PipelineDefinitionError(`allowed lateness must be an integer of ms >= 0, got ${allowedLatenessMs}`);
    }
  }

  /** Tumbling windows of `sizeMs` accepting records up to `latenessMs` behind the greatest event time. */
  static ofSizeAndLateness(sizeMs: number, latenessMs: number): EventTimeWindows {
    return new EventTimeWindows(sizeMs, sizeMs, latenessMs);
  }

  /** Tumbling windows of `sizeMs` closed as soon as the greatest event time reaches their end. */
  static ofSizeWithNoLateness(sizeMs: number): EventTimeWindows {
    return new EventTimeWindows(sizeMs, sizeMs, 0);
  }

  /** Hopping windows: the same size and lateness, a new window every `advanceMs`. */
  advanceBy(advanceMs: number): EventTimeWindows {
    return new EventTimeWindows(this.sizeMs, advanceMs, this.allowedLatenessMs);
  }

  /** Starts (ms) of the windows holding `timeMs`, ascending. */
  startsFor(timeMs: number): number[] {
    const starts: number[] = [];
    const last = Math.floor(timeMs / this.advanceMs) * this.advanceMs;
    for (let s = last; s > timeMs - this.sizeMs; s -= this.advanceMs) starts.push(s);
    return starts.reverse();
  }
}
