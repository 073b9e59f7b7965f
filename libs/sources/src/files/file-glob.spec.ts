import { globMatcher, isHiddenFileName } from './file-glob';

describe(globMatcher.name, () => {
  it('matches * and ? against the whole name', () => {
    const m = globMatcher('*.json');
    expect(m('2021-07-21-6.json')).toBe(true);
    expect(m('a.json.tmp')).toBe(false);
    expect(globMatcher('day-?.csv')('day-1.csv')).toBe(true);
    expect(globMatcher('day-?.csv')('day-10.csv')).toBe(false);
  });

  it('matches character classes, negated ones, and brace alternatives', () => {
    expect(globMatcher('[0-9]*.csv')('7.csv')).toBe(true);
    expect(globMatcher('[!0-9]*.csv')('7.csv')).toBe(false);
    const m = globMatcher('*.{json,ndjson}');
    expect([m('a.json'), m('a.ndjson'), m('a.csv')]).toEqual([true, true, false]);
  });

  it('takes regex characters and escaped glob characters literally', () => {
    expect(globMatcher('a+b(1).json')('a+b(1).json')).toBe(true);
    expect(globMatcher('a+b(1).json')('aab1.json')).toBe(false);
    expect(globMatcher('\\*.json')('*.json')).toBe(true);
    expect(globMatcher('\\*.json')('x.json')).toBe(false);
  });

  it('never matches hidden names (. and _), even with *', () => {
    expect(globMatcher('*')('.part.json')).toBe(false);
    expect(globMatcher('*')('_tmp.json')).toBe(false);
    expect(isHiddenFileName('data.json')).toBe(false);
  });

  it('refuses an unclosed [ or {', () => {
    expect(() => globMatcher('[a')).toThrow(/"\[" is not closed/);
    expect(() => globMatcher('{a,b')).toThrow(/"\{" is not closed/);
  });
});
