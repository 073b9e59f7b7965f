import { parseCsv } from './csv-parser';

const parse = (text: string) => [...parseCsv(text)];

describe(parseCsv.name, () => {
  it('splits records at LF and CRLF and fields at commas, numbering lines from 1', () => {
    expect(parse('a,b\r\n1,2\n3,4')).toEqual([
      { line: 1, endLine: 1, raw: 'a,b', fields: ['a', 'b'] },
      { line: 2, endLine: 2, raw: '1,2', fields: ['1', '2'] },
      { line: 3, endLine: 3, raw: '3,4', fields: ['3', '4'] },
    ]);
  });

  it('yields nothing for an empty text, and skips empty lines while counting them', () => {
    expect(parse('')).toEqual([]);
    expect(parse('\n\r\n')).toEqual([]);
    expect(parse('a\n\n\nb\n').map((r) => [r.line, r.fields])).toEqual([[1, ['a']], [4, ['b']]]);
  });

  it('drops a byte-order mark at the start', () => {
    expect(parse('\ufeffid,name\n')[0].fields).toEqual(['id', 'name']);
  });

  it('keeps empty fields, leading, trailing and between commas', () => {
    expect(parse(',a,,\n')[0].fields).toEqual(['', 'a', '', '']);
    expect(parse('a,')[0].fields).toEqual(['a', '']);
  });

  it('reads quoted fields with "" escapes, commas and line breaks, the record spanning lines', () => {
    const [header, row, after] = parse('id,text\n1,"a, ""b""\nc"\n2,x\n');
    expect(header.fields).toEqual(['id', 'text']);
    expect(row).toEqual({ line: 2, endLine: 3, raw: '1,"a, ""b""\nc"', fields: ['1', 'a, "b"\nc'] });
    expect(after).toMatchObject({ line: 4, fields: ['2', 'x'] });
  });

  it('keeps a CRLF inside a quoted field, and reads an empty quoted field as empty', () => {
    expect(parse('"x\r\ny",""\r\n')[0]).toMatchObject({ line: 1, endLine: 2, fields: ['x\r\ny', ''] });
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(parse('5" disk,a"b\n')[0].fields).toEqual(['5" disk', 'a"b']);
  });

  it('reports a character after a closing quote, the rest of that line in the bad record, and goes on', () => {
    const [bad, next] = parse('"a"b,c\nd,e\n');
    expect(bad).toEqual({ line: 1, endLine: 1, raw: '"a"b,c', error: 'unexpected character "b" after a closing quote on line 1' });
    expect(next).toMatchObject({ line: 2, fields: ['d', 'e'] });
  });

  it('reports a quoted field left open, the bad record running to the end of the text', () => {
    expect(parse('ok\n"open,\nmore\n')).toEqual([
      { line: 1, endLine: 1, raw: 'ok', fields: ['ok'] },
      { line: 2, endLine: 4, raw: '"open,\nmore\n', error: 'a quoted field opened on line 2 is not closed before the end of the file' },
    ]);
  });
});
