/**
 * A processing-time window over micro-batches, as Spark Streaming's `window(length, slide)`:
 * the window at batch time t covers the batches with times in (t − length, t], and results are
 * produced only at batch times that are multiples of `slide` (counted from the epoch).
 * All durations in ms.
 */
export interface WindowSpec {
  lengthMs: number;
  slideMs: number;
  batchIntervalMs: number;
}

/**
 * Checks a window against the batch interval.
 * @throws Error naming both values when length or slide is not a positive multiple of the batch
 *   interval (Spark: "The window duration of windowed DStream (…) must be a multiple of the slide
 *   duration of parent DStream (…)").
 */
export function validateWindow(w: WindowSpec): WindowSpec {
  const { lengthMs, slideMs, batchIntervalMs } = w;
  if (!(batchIntervalMs > 0)) throw new Error(`batch interval must be positive (got ${batchIntervalMs} ms)`);
  if (!(lengthMs > 0) || lengthMs % batchIntervalMs !== 0) {
    throw new Error(`window length ${lengthMs} ms must be a positive multiple of the batch interval ${batchIntervalMs} ms`);
  }
  if (!(slideMs > 0) || slideMs % batchIntervalMs !== 0) {
    throw new Error(`window slide ${slideMs} ms must be a positive multiple of the batch interval ${batchIntervalMs} ms`);
  }
  return w;
}

/** True when a window result is due at `batchTimeMs` (a multiple of the slide). */
export const isSlideTime = (w: WindowSpec, batchTimeMs: number) => batchTimeMs % w.slideMs === 0;
