import { csvRows } from './csv-rows';
import { parseCsvSchema } from './csv-schema';

const rows = (text: string, schema?: string) => [...csvRows(text, schema ? parseCsvSchema(schema) : undefined)];
const outcome = (r: ReturnType<typeof rows>[number]) => (r.ok ? r.object : `${r.reason}: ${r.detail}`);

describe(csvRows.name, () => {
  it('maps each row to an object by the header, every column a string without a schema', () => {
    expect(rows('id,name\n1,"Ada, L."\n')).toEqual([{ line: 2, endLine: 2, raw: '1,"Ada, L."', ok: true, object: { id: '1', name: 'Ada, L.' }, json: '{"id":"1","name":"Ada, L."}' }]);
  });

  it('types the columns the schema names, the others strings; empty typed fields are null', () => {
    const [r] = rows('id,score,ok,at,note\n7,,true,2021-07-21T06:00:00Z,x\n', 'id:int,score:float,ok:bool,at:timestamp');
    expect(outcome(r)).toEqual({ id: 7, score: null, ok: true, at: '2021-07-21T06:00:00.000Z', note: 'x' });
  });

  it('gives the line where a row starts when a quoted field spans lines', () => {
    expect(rows('a,b\n"x\ny",1\n2,3\n').map((r) => r.line)).toEqual([2, 4]);
  });

  it('refuses a row with another field count as csv-column-count, and goes on', () => {
    expect(rows('a,b\n1\n1,2,3\n4,5\n').map(outcome)).toEqual([
      'csv-column-count: row on line 2 has 1 fields, the header 2',
      'csv-column-count: row on line 3 has 3 fields, the header 2',
      { a: '4', b: '5' },
    ]);
  });

  it('refuses a value not of its type as csv-type, naming every such column', () => {
    expect(outcome(rows('id,ok\nx,maybe\n', 'id:int,ok:bool')[0])).toBe(
      'csv-type: row on line 2: column id (int): "x" is not an int; column ok (bool): "maybe" is not a bool (true or false)',
    );
  });

  it('refuses broken quoting as csv-malformed', () => {
    expect(outcome(rows('a\n"x"y\n')[0])).toBe('csv-malformed: row on line 2: unexpected character "y" after a closing quote on line 2');
  });

  it('names empty header columns _c<index>', () => {
    expect(outcome(rows('a,,\n1,2,3\n')[0])).toEqual({ a: '1', _c1: '2', _c2: '3' });
  });

  it('refuses every row, the header too, when the header repeats a name', () => {
    expect(rows('a,a\n1,2\n').map(outcome)).toEqual([
      'csv-malformed: the header row (line 1) is malformed: column "a" is named twice',
      'csv-malformed: no usable header row (column "a" is named twice)',
    ]);
  });

  it('yields no row for a header alone or an empty text', () => {
    expect(rows('a,b\n')).toEqual([]);
    expect(rows('')).toEqual([]);
  });
});
