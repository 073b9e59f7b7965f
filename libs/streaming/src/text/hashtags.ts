/** `#` followed by letters, marks, digits or `_`, not preceded by one of those or by another `#`. */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_#])#([\p{L}\p{M}\p{N}_]+)/gu;

/**
 * The hashtags of a line of text, without the `#`, in order of appearance, repeats kept.
 *
 * Follows the seed's Spark job (`line.split(" ")` keeping words that start with `#`, then
 * `replace("#", "")`), with choices of our own so that punctuation does not create distinct
 * tags: a tag ends at the first character that is not a letter, mark, digit or `_`
 * (`#Volcan!` → `Volcan`), punctuation before the `#` is allowed (`¡#Sí` → `Sí`, `(#a)` → `a`),
 * and a `#` inside a word or after another `#` (`C#`, `a#b`, `##x`) starts no tag. Case is kept
 * (`#Qatar2022` and `#qatar2022` are different tags, as in the seed). A lone `#` is no tag.
 *
 * @example
 * ```ts
 * extractHashtags('Hoy #MorataDimision y #Volcan!'); // ['MorataDimision', 'Volcan']
 * extractHashtags('C# no, #, sí');                   // []
 * ```
 */
export function extractHashtags(line: string): string[] {
  const tags: string[] = [];
  for (const m of line.matchAll(HASHTAG)) tags.push(m[1]);
  return tags;
}
