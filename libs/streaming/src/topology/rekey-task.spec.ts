import { decoded, DlqHeaders } from '@sluice/contracts';
import { RekeyTask } from './rekey-task';
import { StreamRecord } from './stream-record';

let offset = 0;
const rec = (value: string): StreamRecord => ({ topic: 'src', partition: 1, offset: String(offset++), key: null, value: Buffer.from(value), timestamp: 0, headers: {} });

/** Re-keys `{"k":..., "t":...}` by k; encoding throws as `Date#toISOString` does on a time no Date holds. */
const task = () =>
  new RekeyTask<{ k: string; t: number }>({
    decode: (r) => {
      const v = JSON.parse(String(r.value));
      if (v.k === 'bug') throw new TypeError('decoder bug');
      return decoded(v);
    },
    encode: (v) => ({ key: v.k, value: Buffer.from(new Date(v.t).toISOString()) }),
    repartitionTopic: 'shuffle',
    service: 'test',
    now: () => 0,
  });

describe(RekeyTask.name, () => {
  describe('process', () => {
    it('dead-letters a record whose encoding throws, with the error, and forwards the records around it', () => {
      const poison = rec('{"k":"s","t":1700000000000000000}');
      const out = task().process([rec('{"k":"a","t":1}'), poison, rec('{"k":"b","t":2}')], 1000);
      expect(out.map((o) => [o.topic, o.key])).toEqual([['shuffle', 'a'], ['src.dlq', null], ['shuffle', 'b']]);
      expect(out[1].headers).toMatchObject({
        [DlqHeaders.reason]: 'processing-error',
        [DlqHeaders.detail]: 'processing the record threw RangeError: Invalid time value',
        [DlqHeaders.sourceTopic]: 'src',
        [DlqHeaders.sourcePartition]: '1',
        [DlqHeaders.sourceOffset]: poison.offset,
      });
      expect(out[1].value).toEqual(poison.value);
    });

    it('dead-letters a record whose decoder throws', () => {
      const out = task().process([rec('{"k":"bug","t":1}')], 1000);
      expect(out.map((o) => [o.topic, o.headers?.[DlqHeaders.detail]])).toEqual([['src.dlq', 'processing the record threw TypeError: decoder bug']]);
    });

    it('never throws for the same poison on a retry, so the partition does not loop', () => {
      const t = task();
      const poison = rec('{"k":"s","t":1e16}');
      expect(t.process([poison], 1000)).toHaveLength(1);
      expect(t.process([poison], 2000).map((o) => o.topic)).toEqual(['src.dlq']);
    });
  });
});
