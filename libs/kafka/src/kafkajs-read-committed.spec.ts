// The read_committed filter of kafkajs 2.2.4 as patched by patches/kafkajs+2.2.4.patch (applied by
// patch-package on npm ci). If this fails, the patch was not applied (npm ci --ignore-scripts?) or
// kafkajs was upgraded: check that aborted records are still filtered before removing the patch.
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as (a: {
  messages: Message[];
  abortedTransactions: Array<{ producerId: string; firstOffset: string }>;
}) => Message[];

interface Message {
  offset: string;
  key: Buffer | null;
  value: string;
  isControlRecord?: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

const data = (offset: number, producerId: string, value: string, inTransaction = true): Message => ({
  offset: String(offset),
  key: Buffer.from('k'),
  value,
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string, type: 'abort' | 'commit'): Message => ({
  offset: String(offset),
  key: Buffer.from([0, 0, 0, type === 'abort' ? 0 : 1]),
  value: '',
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const values = (ms: Message[]) => ms.filter((m) => !m.isControlRecord).map((m) => m.value);

describe('kafkajs read_committed filter (patched)', () => {
  it('skips every aborted transaction that started before the first fetched record', () => {
    // a fetch starting at offset 2, inside p1's and p2's aborted transactions (first offsets 0 and 1)
    const messages = [data(2, 'p2', 'b2'), data(3, 'p1', 'a2'), marker(4, 'p1', 'abort'), marker(5, 'p2', 'abort'), data(6, 'p3', 'c1'), marker(7, 'p3', 'commit')];
    const aborted = [{ producerId: 'p1', firstOffset: '0' }, { producerId: 'p2', firstOffset: '1' }];
    expect(values(filterAbortedMessages({ messages, abortedTransactions: aborted }))).toEqual(['c1']);
    expect(values(filterAbortedMessages({ messages, abortedTransactions: [...aborted].reverse() }))).toEqual(['c1']);
  });

  it('keeps a producer’s records after its abort marker, and records outside transactions', () => {
    const messages = [data(0, 'p1', 'a1'), marker(1, 'p1', 'abort'), data(2, 'p1', 'a2'), data(3, 'p9', 'plain', false)];
    expect(values(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: 'p1', firstOffset: '0' }] }))).toEqual(['a2', 'plain']);
  });

  it('does not take a data record whose key is 0x00000000 for an abort marker', () => {
    const fake = { ...data(1, 'p1', 'fake'), key: Buffer.from([0, 0, 0, 0]) };
    const messages = [data(0, 'p1', 'a1'), fake, marker(2, 'p1', 'abort')];
    expect(values(filterAbortedMessages({ messages, abortedTransactions: [{ producerId: 'p1', firstOffset: '0' }] }))).toEqual([]);
  });
});
