import { DeadLetterBook, RECENT_DEAD_LETTERS } from './dead-letters';

const letter = (offset: number, reason?: string, topic = 'text-lines.dlq') => ({
  topic,
  partition: 0,
  offset: String(offset),
  timestamp: 1000 + offset,
  key: null,
  value: Buffer.from([0xc3, 0x28]),
  headers: reason ? { 'sluice-dlq-reason': reason, 'sluice-dlq-detail': 'bad\nline' } : {},
});

describe('DeadLetterBook', () => {
  it('counts by topic and reason and keeps the last 20, newest first, values made safe', () => {
    const book = new DeadLetterBook();
    for (let i = 0; i < 25; i++) book.add(letter(i, i % 5 === 0 ? 'invalid-utf8' : 'too-large'));
    book.add(letter(25, undefined, 'signals.dlq'));
    expect(book.totals()).toEqual([
      { topic: 'text-lines.dlq', reason: 'too-large', count: 20 },
      { topic: 'text-lines.dlq', reason: 'invalid-utf8', count: 5 },
      { topic: 'signals.dlq', reason: 'unknown', count: 1 },
    ]);
    const latest = book.latest();
    expect(latest).toHaveLength(RECENT_DEAD_LETTERS);
    expect(latest[0].offset).toBe('25');
    expect(latest[1]).toMatchObject({ offset: '24', reason: 'too-large', value: { encoding: 'hex', text: 'c3 28' } });
    expect(latest[1].headers).toContainEqual({ name: 'sluice-dlq-detail', value: expect.objectContaining({ text: 'bad\\nline' }) });
  });
});

describe('DeadLetterBook reasons', () => {
  it('bounds the distinct reasons per topic, counting the rest as other', () => {
    const book = new DeadLetterBook();
    for (let i = 0; i < 60; i++) book.add(letter(i, `r${i}`));
    const totals = book.totals();
    expect(totals).toHaveLength(51);
    expect(totals[0]).toEqual({ topic: 'text-lines.dlq', reason: 'other', count: 10 });
  });
});
