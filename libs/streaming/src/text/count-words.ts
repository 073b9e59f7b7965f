import { Tokenizer } from './tokenizer';

/**
 * Counts the words of a micro-batch of lines (Spark's `flatMap(split).map((w,1)).reduceByKey(_+_)`
 * within one batch).
 *
 * @param into counts are added to this map (lets a caller combine several partitions)
 * @returns the same map: word → occurrences in `lines`
 */
export function countWords(lines: Iterable<string>, tokenize: Tokenizer, into = new Map<string, number>()): Map<string, number> {
  for (const line of lines) {
    for (const w of tokenize(line)) into.set(w, (into.get(w) ?? 0) + 1);
  }
  return into;
}
