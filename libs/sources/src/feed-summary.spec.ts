import { describeFeed, summarizeFeed } from './feed-summary';
import type { TransactionalFeedResult } from './transactional-feed';

const result = (r: Partial<TransactionalFeedResult>): TransactionalFeedResult => ({ status: 'done', startLine: 0, committedLine: 0, inDoubt: 0, seconds: 10, ...r });

describe(summarizeFeed.name, () => {
  it('counts a finished feed: everything sent, nothing left, no stop position', () => {
    const s = summarizeFeed(result({ committedLine: 100000 }), { source: 'file', file: '/d/f.txt', endLine: 100000, sourceLength: 100000 });
    expect(s).toMatchObject({ status: 'done', sent: 100000, notSent: 0, inDoubt: 0, linesPerSecond: 10000 });
    expect(s.stoppedAt).toBeUndefined();
    expect(describeFeed(s)).toBe('sent 100000 lines (acknowledged) in 10.00 s, 10000 lines/s; not sent: 0');
  });

  it('names the file line where a feed that gave up stopped, and the lines in doubt', () => {
    const s = summarizeFeed(result({ status: 'gave-up', committedLine: 23982, inDoubt: 18, error: new Error('broker down') }), { source: 'file', file: '/d/f.txt', endLine: 100000, sourceLength: 100000 });
    expect(s).toMatchObject({ sent: 23982, notSent: 76000, inDoubt: 18, stoppedAt: { file: '/d/f.txt', line: 23983 }, error: 'broker down' });
    expect(describeFeed(s)).toMatch(/^gave up \(broker down\): sent 23982 .*not sent: 76000; in doubt: 18 .*stopped at \/d\/f\.txt line 23983; run again with --resume/);
  });

  it('counts a resumed run from its start line and names the line of a repeated source', () => {
    const s = summarizeFeed(result({ status: 'stopped', startLine: 10, committedLine: 25 }), { source: 'brown', endLine: 40, sourceLength: 20 });
    expect(s).toMatchObject({ sent: 15, notSent: 15, stoppedAt: { line: 6 } });
  });

  it('leaves notSent unknown for stdin', () => {
    expect(summarizeFeed(result({ committedLine: 5 }), { source: 'stdin' }).notSent).toBeUndefined();
  });
});
