import { DlqHeaders } from '@sluice/contracts';
import { OVERSIZE_KEY_BYTES, oversizeDeadLetter } from './oversize-dead-letter';

const source = { topic: 'sluice-processor-word-counts-repartition', partition: 3, service: 'processor', now: Date.parse('2026-12-02T04:00:00Z') };

describe(oversizeDeadLetter.name, () => {
  it('puts a result record on <output>.dlq with reason too-large, its headers and sizes, and no value', () => {
    const d = oversizeDeadLetter({ topic: 'word-counts-windowed', key: 'w/alpha', value: 'x'.repeat(50), headers: { trace: 't1' }, partition: 2 }, 120, 100, source);
    expect(d).toEqual({
      topic: 'word-counts-windowed.dlq',
      key: Buffer.from('w/alpha'),
      value: null,
      headers: {
        trace: 't1',
        [DlqHeaders.reason]: 'too-large',
        [DlqHeaders.detail]: "a word-counts-windowed record of 120 bytes exceeds the topic's max.message.bytes (100 bytes); value dropped",
        [DlqHeaders.sourceTopic]: source.topic,
        [DlqHeaders.sourcePartition]: '3',
        [DlqHeaders.service]: 'processor',
        [DlqHeaders.failedAt]: '2026-12-02T04:00:00.000Z',
      },
    });
  });

  it('cuts a long key at 1 KiB and keeps a DLQ record on its own topic', () => {
    const d = oversizeDeadLetter({ topic: 'signals.dlq', key: 'k'.repeat(5000), value: null }, 6000, 4096, source);
    expect(d.topic).toBe('signals.dlq');
    expect((d.key as Buffer).length).toBe(OVERSIZE_KEY_BYTES);
    expect(oversizeDeadLetter({ topic: 'a', key: null, value: null }, 1, 1, source).key).toBeNull();
  });
});
