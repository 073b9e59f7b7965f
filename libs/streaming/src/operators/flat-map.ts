import { batchStage, StageFactory } from '../stream/stage';

/**
 * `flatMap`: replaces every record by the zero or more records `fn` returns, in order.
 *
 * Semantics: Spark's `DStream.flatMap` (the seed's `lines.flatMap(split)`) / Kafka Streams'
 * `KStream#flatMapValues`. Stateless. A record for which `fn` returns `[]` disappears; an empty
 * batch gives an empty batch.
 *
 * @example
 * ```ts
 * source.flatMap((line) => line.split(' ')); // ['a b', 'c'] → ['a', 'b', 'c']
 * ```
 * @see mapStage, filterStage
 */
export function flatMapStage<A, B>(fn: (record: A) => Iterable<B>): StageFactory<A, B> {
  return () =>
    batchStage((records) => {
      const out: B[] = [];
      for (const r of records) for (const b of fn(r)) out.push(b);
      return out;
    });
}
