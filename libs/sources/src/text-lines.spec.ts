import { brownCorpusLines, splitLines, untagBrownSentence } from './text-lines';

describe('splitLines', () => {
  it('removes the BOM and splits CRLF and LF line ends', () => {
    expect(splitLines('\ufeffEn un lugar\r\nde la Mancha\nfin\r\n')).toEqual(['En un lugar', 'de la Mancha', 'fin']);
  });

  it('keeps empty lines inside the text', () => {
    expect(splitLines('a\r\n\r\nb')).toEqual(['a', '', 'b']);
  });
});

describe('untagBrownSentence', () => {
  it('strips POS tags and rebuilds punctuation', () => {
    expect(untagBrownSentence("\tThe/at jury/nn said/vbd ,/, ``/`` fine/jj ''/'' ./.")).toBe('The jury said, "fine".');
  });

  it('keeps slashes inside words (only the last one separates the tag)', () => {
    expect(untagBrownSentence('1/2/cd cup/nn')).toBe('1/2 cup');
  });
});

describe('brownCorpusLines', () => {
  it('reads the real corpus: about 57,000 untagged sentences starting with ca01', () => {
    const lines = brownCorpusLines();
    expect(lines.length).toBeGreaterThan(50000);
    expect(lines[0]).toMatch(/^The Fulton County Grand Jury said Friday an investigation of Atlanta's/);
    expect(lines.some((l) => /\/[a-z]+\b/.test(l.split(' ')[0]))).toBe(false);
  });
});
