import { ndjsonRows } from './ndjson-rows';

const rows = (text: string) => [...ndjsonRows(text)];

describe(ndjsonRows.name, () => {
  it('yields one row per JSON object line, publishing the line as it is', () => {
    const big = '{"id":12345678901234567890,"a":[1, 2]}';
    expect(rows(`{"id":"1"}\r\n${big}\n`)).toEqual([
      { line: 1, endLine: 1, raw: '{"id":"1"}', ok: true, object: { id: '1' }, json: '{"id":"1"}' },
      { line: 2, endLine: 2, raw: big, ok: true, object: { id: 12345678901234567890, a: [1, 2] }, json: big },
    ]);
  });

  it('skips empty and blank lines but counts them, with or without a final line end, after a BOM', () => {
    expect(rows('\ufeff{"a":1}\n\n  \n{"a":2}').map((r) => [r.line, r.ok])).toEqual([[1, true], [4, true]]);
    expect(rows('')).toEqual([]);
  });

  it('refuses a line that is not JSON as invalid-json, and goes on', () => {
    const [bad, good] = rows('{"a":\n{"a":1}\n');
    expect(bad).toMatchObject({ line: 1, raw: '{"a":', ok: false, reason: 'invalid-json' });
    expect((bad as { detail: string }).detail).toMatch(/^line 1 is not JSON: /);
    expect(good).toMatchObject({ line: 2, ok: true });
  });

  it('refuses JSON that is not an object as not-an-object', () => {
    expect(rows('[1]\n"s"\nnull\n7\n').map((r) => (r.ok ? 'ok' : `${r.reason}: ${r.detail}`))).toEqual([
      'not-an-object: line 1 is an array, not a JSON object',
      'not-an-object: line 2 is a string, not a JSON object',
      'not-an-object: line 3 is null, not a JSON object',
      'not-an-object: line 4 is a number, not a JSON object',
    ]);
  });
});
