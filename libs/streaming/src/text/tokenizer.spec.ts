import { tokenizerFor, whitespaceTokenizer, wordsTokenizer } from './tokenizer';

describe('wordsTokenizer', () => {
  it('lowercases and strips punctuation (the issue example)', () => {
    expect(wordsTokenizer('Hola, como estás?')).toEqual(['hola', 'como', 'estás']);
  });

  it('keeps letters outside ASCII and inverted punctuation away', () => {
    expect(wordsTokenizer('¡Sí! ¿Qué dijo Sancho Panza?')).toEqual(['sí', 'qué', 'dijo', 'sancho', 'panza']);
  });

  it('keeps inner apostrophes and digits', () => {
    expect(wordsTokenizer("Don't stop: 1605 copies")).toEqual(["don't", 'stop', '1605', 'copies']);
  });

  it('gives no words for empty and whitespace-only lines', () => {
    expect(wordsTokenizer('')).toEqual([]);
    expect(wordsTokenizer(' \t \r ')).toEqual([]);
  });

  it('does not split on combining marks', () => {
    const decomposed = 'este\u0301s';
    expect(wordsTokenizer(decomposed)).toEqual([decomposed]);
  });
});

describe('whitespaceTokenizer', () => {
  it("splits exactly on ' ' and keeps case and punctuation, like Spark's line.split(' ')", () => {
    expect(whitespaceTokenizer('Hola, como estás?')).toEqual(['Hola,', 'como', 'estás?']);
  });

  it('drops the empty strings Spark would count as a word', () => {
    expect(whitespaceTokenizer('  a  b ')).toEqual(['a', 'b']);
    expect(whitespaceTokenizer('')).toEqual([]);
  });

  it('keeps tabs inside tokens (only the space character separates)', () => {
    expect(whitespaceTokenizer('a\tb c')).toEqual(['a\tb', 'c']);
  });
});

describe('tokenizerFor', () => {
  it('selects by TOKENIZER name', () => {
    expect(tokenizerFor('words')).toBe(wordsTokenizer);
    expect(tokenizerFor('whitespace')).toBe(whitespaceTokenizer);
  });
});
