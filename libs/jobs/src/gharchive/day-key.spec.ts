import type { StreamRecord } from '@sluice/streaming';
import { dayCountCodec, dayKey, splitDayKey } from './day-key';

const rec = (value: string | null): StreamRecord => ({ topic: 't', partition: 0, offset: '0', key: Buffer.from('2021-07-21'), value: value === null ? null : Buffer.from(value), timestamp: 0, headers: {} });

describe('day keys', () => {
  it('splits at the first bar: a repository name may hold one, a day never does', () => {
    expect(splitDayKey(dayKey('2021-07-21', 'a|b'))).toEqual(['2021-07-21', 'a|b']);
  });

  it('carries the whole pair key in the value across the by-day repartition', () => {
    const pair: [string, number] = [dayKey('2021-07-21', 'octo/hello'), 3];
    expect(dayCountCodec.decode(rec(String(dayCountCodec.encode(pair))))).toEqual({ ok: true, value: pair });
  });

  it('rejects what Sluice does not write', () => {
    for (const v of [null, 'x', '3', '["2021-07-21", 3]', '["2021-07-21|a", 0]', '["2021-07-21|a", 1.5]', '["2021-07-21|a"]']) {
      expect(dayCountCodec.decode(rec(v))).toMatchObject({ ok: false, reason: 'schema-invalid' });
    }
  });
});
