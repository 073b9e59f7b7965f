import { coerceCsvValue, parseCsvSchema } from './csv-schema';

describe(parseCsvSchema.name, () => {
  it('reads name:type pairs in order, spaces ignored, a bare name a string', () => {
    expect(parseCsvSchema(' id:int , name , at:timestamp,ok:bool,score:float')).toEqual([
      { name: 'id', type: 'int' },
      { name: 'name', type: 'string' },
      { name: 'at', type: 'timestamp' },
      { name: 'ok', type: 'bool' },
      { name: 'score', type: 'float' },
    ]);
  });

  it('refuses an unknown type, an empty name and a repeated name, listing every problem', () => {
    expect(() => parseCsvSchema('id:integer,:int,a:int,a:float')).toThrow(/column 1: .*'string' \| 'int'.*column 2: a column needs a name.*column a is named twice/s);
  });

  it('refuses an empty schema', () => {
    expect(() => parseCsvSchema(' , ')).toThrow(/name at least one column/);
  });
});

describe(coerceCsvValue.name, () => {
  it('keeps strings as they are, the empty one too', () => {
    expect(coerceCsvValue(' a ', 'string')).toEqual({ ok: true, value: ' a ' });
    expect(coerceCsvValue('', 'string')).toEqual({ ok: true, value: '' });
  });

  it('reads an empty field of any other type as null', () => {
    for (const type of ['int', 'float', 'bool', 'timestamp'] as const) expect(coerceCsvValue('', type)).toEqual({ ok: true, value: null });
  });

  it('reads ints with a sign, and refuses decimals, text and ints beyond 2^53', () => {
    expect(coerceCsvValue('-42', 'int')).toEqual({ ok: true, value: -42 });
    expect(coerceCsvValue('+7', 'int')).toEqual({ ok: true, value: 7 });
    expect(coerceCsvValue('1.5', 'int')).toEqual({ ok: false, detail: '"1.5" is not an int' });
    expect(coerceCsvValue('12a', 'int').ok).toBe(false);
    expect(coerceCsvValue('9007199254740993', 'int').ok).toBe(false);
  });

  it('reads floats with exponents, and refuses NaN, Infinity and text', () => {
    expect(coerceCsvValue('-2.5e3', 'float')).toEqual({ ok: true, value: -2500 });
    expect(coerceCsvValue('.5', 'float')).toEqual({ ok: true, value: 0.5 });
    expect(coerceCsvValue('3', 'float')).toEqual({ ok: true, value: 3 });
    for (const bad of ['NaN', 'Infinity', '1e999', '1,5', 'x']) expect(coerceCsvValue(bad, 'float').ok).toBe(false);
  });

  it('reads true and false in any case, nothing else', () => {
    expect(coerceCsvValue('TRUE', 'bool')).toEqual({ ok: true, value: true });
    expect(coerceCsvValue('false', 'bool')).toEqual({ ok: true, value: false });
    expect(coerceCsvValue('1', 'bool').ok).toBe(false);
    expect(coerceCsvValue('yes', 'bool').ok).toBe(false);
  });

  it('reads ISO-8601 timestamps as UTC ISO strings: zones, no zone (UTC), date only, a space for T', () => {
    expect(coerceCsvValue('2021-07-21T06:00:00Z', 'timestamp')).toEqual({ ok: true, value: '2021-07-21T06:00:00.000Z' });
    expect(coerceCsvValue('2021-07-21T08:00:00+02:00', 'timestamp')).toEqual({ ok: true, value: '2021-07-21T06:00:00.000Z' });
    expect(coerceCsvValue('2021-07-21T08:00+0200', 'timestamp')).toEqual({ ok: true, value: '2021-07-21T06:00:00.000Z' });
    expect(coerceCsvValue('2021-07-21 06:00:00.5', 'timestamp')).toEqual({ ok: true, value: '2021-07-21T06:00:00.500Z' });
    expect(coerceCsvValue('2021-07-21', 'timestamp')).toEqual({ ok: true, value: '2021-07-21T00:00:00.000Z' });
  });

  it('refuses timestamps that are not ISO-8601 or not real dates and times', () => {
    for (const bad of ['21/07/2021', '1626847200000', '2021-02-30', '2021-07-21T24:00:00Z', '2021-07-21T06:61Z', 'July 21, 2021']) {
      expect(coerceCsvValue(bad, 'timestamp')).toEqual({ ok: false, detail: `${JSON.stringify(bad)} is not an ISO-8601 timestamp` });
    }
  });
});
