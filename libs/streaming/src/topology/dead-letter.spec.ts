import { DlqHeaders } from '@sluice/contracts';
import { describeError, processingFailure } from './dead-letter';

describe(describeError.name, () => {
  it('names the error and each wrapped cause', () => {
    const e = new Error('encoding the window failed', { cause: new RangeError('Invalid time value') });
    expect(describeError(e)).toBe('Error: encoding the window failed (cause: RangeError: Invalid time value)');
  });

  it('describes a thrown non-error by its string', () => {
    expect(describeError('boom')).toBe('boom');
  });
});

describe(processingFailure.name, () => {
  it('dead-letters the record untouched with reason processing-error and the error', () => {
    const record = { topic: 'signals', partition: 4, offset: '17', key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 0, headers: {} };
    const d = processingFailure(record, new TypeError('x is not iterable'), 'processor', 0);
    expect(d).toMatchObject({ topic: 'signals.dlq', key: record.key, value: record.value });
    expect(d.headers).toMatchObject({ [DlqHeaders.reason]: 'processing-error', [DlqHeaders.detail]: 'processing the record threw TypeError: x is not iterable', [DlqHeaders.sourceOffset]: '17' });
  });
});
