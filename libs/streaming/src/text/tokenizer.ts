/** Tokenizers `TOKENIZER` selects: `words` = Unicode words, lowercased; `whitespace` = Spark's `line.split(" ")`. */
export const TOKENIZER_NAMES = ['words', 'whitespace'] as const;
export type TokenizerName = (typeof TOKENIZER_NAMES)[number];

/** Splits one line into words. */
export type Tokenizer = (line: string) => string[];

// A word: letters, combining marks and digits, with inner apostrophes (don't, l'amour) kept.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * `words` tokenizer: Unicode-aware words, lowercased, punctuation stripped.
 * "Hola, como estás?" → ["hola", "como", "estás"]; "¡Sí!" → ["sí"]; "don't" → ["don't"].
 * Empty and whitespace-only lines give [].
 */
export const wordsTokenizer: Tokenizer = (line) => line.toLowerCase().match(WORD) ?? [];

/**
 * `whitespace` tokenizer: exactly Spark's `line.split(' ')` (case and punctuation kept; tabs
 * and other whitespace stay inside tokens), except that empty strings are dropped.
 * Spark would count the empty string produced by leading, trailing or repeated spaces as a
 * word `""`; Sluice drops it because an empty key cannot be stored (Cassandra rejects an empty
 * partition key) and carries no information.
 * "a  b " → ["a", "b"] (Spark: ["a", "", "b", ""]).
 */
export const whitespaceTokenizer: Tokenizer = (line) => {
  const out: string[] = [];
  for (const t of line.split(' ')) if (t !== '') out.push(t);
  return out;
};

/** The tokenizer selected by `TOKENIZER`. */
export function tokenizerFor(name: TokenizerName): Tokenizer {
  return name === 'whitespace' ? whitespaceTokenizer : wordsTokenizer;
}
