/**
 * Thrown while a pipeline is being defined or built, never while it processes records:
 * a window length or slide that is not a multiple of its parent stream's slide duration,
 * an invalid or duplicate stable name, a non-positive duration.
 *
 * Building the pipeline at start-up therefore fails fast with a message naming the operator
 * and the offending values, as Spark's `WindowedDStream` constructor does when a window
 * duration is not a multiple of the parent's slide duration.
 *
 * @example
 * ```ts
 * try {
 *   source.reduceByKeyAndWindow(sum, BatchWindows.sliding(2500, 1000), { name: 'visits' });
 * } catch (e) {
 *   // PipelineDefinitionError: operator "visits": window length 2500 ms and slide 1000 ms must
 *   // both be positive multiples of the parent stream's slide duration (1000 ms); 2500 ms is not
 * }
 * ```
 */
export class PipelineDefinitionError extends Error {
  override readonly name = 'PipelineDefinitionError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
