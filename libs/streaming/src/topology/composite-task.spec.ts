import { DlqHeaders } from '@sluice/contracts';
import { CompositeTask } from './composite-task';
import { deadLetter } from './dead-letter';
import { StreamRecord } from './stream-record';
import { StreamTask } from './topology';

const rec = (offset: string): StreamRecord => ({ topic: 'words', partition: 0, offset, key: null, value: Buffer.from('x'), timestamp: 0, headers: {} });

/** A task that dead-letters every record with `reason` and forwards one result. */
const rejecting = (reason: 'schema-invalid' | 'processing-error', result: string): StreamTask => ({
  stores: [],
  process: (records) => [...records.map((r) => deadLetter(r, reason, result, 'test', 0)), { topic: 'out', key: result, value: result }],
});

describe(CompositeTask.name, () => {
  describe('process', () => {
    it('dead-letters a record several tasks refuse once, with the first reason, and keeps every result', () => {
      const out = new CompositeTask([rejecting('schema-invalid', 'a'), rejecting('processing-error', 'b')]).process([rec('1'), rec('2')], 0);
      expect(out.map((o) => [o.topic, o.headers?.[DlqHeaders.sourceOffset] ?? o.key, o.headers?.[DlqHeaders.reason]])).toEqual([
        ['words.dlq', '1', 'schema-invalid'],
        ['words.dlq', '2', 'schema-invalid'],
        ['out', 'a', undefined],
        ['out', 'b', undefined],
      ]);
    });
  });
});
