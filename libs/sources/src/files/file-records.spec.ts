import { DlqHeaders, SourceFileHeaders } from '@sluice/contracts';
import { FileRecordContext, fileRecord, keyAt } from './file-records';
import { FileRow } from './file-row';

const context: FileRecordContext = { file: '/landing/a.json', topic: 'events', maxRecordBytes: 1000, now: Date.UTC(2026, 11, 3), service: 'producer' };
const good = (object: Record<string, unknown>, line = 3): FileRow => ({ line, endLine: line, raw: JSON.stringify(object), ok: true, object, json: JSON.stringify(object) });

describe(fileRecord.name, () => {
  it('publishes a good row to the topic with its file and line, without key by default', () => {
    expect(fileRecord(good({ id: '1' }), context)).toEqual({
      topic: 'events', key: null, value: '{"id":"1"}', timestamp: context.now, deadLetter: false,
      headers: { [SourceFileHeaders.file]: '/landing/a.json', [SourceFileHeaders.line]: '3' },
    });
  });

  it('keys a good row by the value at keyField', () => {
    expect(fileRecord(good({ repo: { name: 'a/b' } }), { ...context, keyField: 'repo.name' }).key).toBe('a/b');
  });

  it('dead-letters a refused row with its raw text, the DLQ headers and its file and line', () => {
    const bad: FileRow = { line: 7, endLine: 7, raw: '{"a":', ok: false, reason: 'invalid-json', detail: 'line 7 is not JSON: …' };
    expect(fileRecord(bad, context)).toEqual({
      topic: 'events.dlq', key: null, value: '{"a":', timestamp: context.now, deadLetter: true,
      headers: {
        [SourceFileHeaders.file]: '/landing/a.json', [SourceFileHeaders.line]: '7',
        [DlqHeaders.reason]: 'invalid-json', [DlqHeaders.detail]: '/landing/a.json: line 7 is not JSON: …',
        [DlqHeaders.service]: 'producer', [DlqHeaders.failedAt]: '2026-12-03T00:00:00.000Z',
      },
    });
  });

  it('dead-letters a row over maxRecordBytes as too-large, without its value', () => {
    const r = fileRecord(good({ text: 'x'.repeat(2000) }), context);
    expect(r).toMatchObject({ topic: 'events.dlq', value: '', deadLetter: true });
    expect(r.headers![DlqHeaders.reason]).toBe('too-large');
    expect(r.headers![DlqHeaders.detail]).toMatch(/row on line 3 is 2011 bytes as JSON, over MAX_RECORD_BYTES \(1000\)/);
  });
});

describe(keyAt.name, () => {
  it('reads strings as they are, scalars as text, objects as JSON', () => {
    expect(keyAt({ id: '17244207336' }, 'id')).toBe('17244207336');
    expect(keyAt({ actor: { id: 71354125 } }, 'actor.id')).toBe('71354125');
    expect(keyAt({ ok: false }, 'ok')).toBe('false');
    expect(keyAt({ repo: { id: 1, name: 'x' } }, 'repo')).toBe('{"id":1,"name":"x"}');
  });

  it('is null for a missing path, a null value, or a path through a scalar', () => {
    expect(keyAt({ id: '1' }, 'nope')).toBeNull();
    expect(keyAt({ id: null }, 'id')).toBeNull();
    expect(keyAt({ id: '1' }, 'id.x')).toBeNull();
  });
});
