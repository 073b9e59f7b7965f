import { countWords } from './count-words';
import { whitespaceTokenizer, wordsTokenizer } from './tokenizer';

describe('countWords', () => {
  it('counts the words of a batch of lines', () => {
    const counts = countWords(['En un lugar de la Mancha', 'de cuyo nombre no quiero acordarme, la'], wordsTokenizer);
    expect(counts.get('de')).toBe(2);
    expect(counts.get('la')).toBe(2);
    expect(counts.get('mancha')).toBe(1);
    expect(counts.has('Mancha')).toBe(false);
    expect(counts.size).toBe(11);
  });

  it('adds into an existing map', () => {
    const into = new Map([['a', 3]]);
    countWords(['a b'], whitespaceTokenizer, into);
    expect([...into]).toEqual([['a', 4], ['b', 1]]);
  });

  it('gives an empty map for an empty batch', () => {
    expect(countWords([], wordsTokenizer).size).toBe(0);
  });
});
