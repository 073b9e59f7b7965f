import { escapeInvisible, safeValue } from './safe-value';

describe('safeValue', () => {
  it('shows UTF-8 text with controls and bidi overrides escaped', () => {
    expect(safeValue(Buffer.from('hola\nmundo\u0000\u202e<b>'))).toEqual({ encoding: 'utf8', text: 'hola\\nmundo\\u0000\\u202e<b>', bytes: 17, truncated: false });
    expect(escapeInvisible('a\\b\tc')).toBe('a\\\\b\\tc');
  });

  it('shows bytes that are not UTF-8 as hex', () => {
    expect(safeValue(Buffer.from([0xff, 0x00, 0x41]))).toEqual({ encoding: 'hex', text: 'ff 00 41', bytes: 3, truncated: false });
  });

  it('cuts long values, without turning a split multi-byte character into hex', () => {
    const v = safeValue(Buffer.from('ñ'.repeat(200)), 11);
    expect(v).toEqual({ encoding: 'utf8', text: 'ñ'.repeat(5), bytes: 400, truncated: true });
    expect(safeValue(null)).toEqual({ encoding: 'null', text: '', bytes: 0, truncated: false });
  });
});
