import { replayProgress, ReplayTarget } from './replay-progress';

const targets: ReplayTarget[] = [
  { topic: 'word-counts', partition: 0, low: 0, high: 100 },
  { topic: 'word-counts', partition: 1, low: 40, high: 60 },
  { topic: 'word-counts', partition: 2, low: 7, high: 7 },
];

describe(replayProgress.name, () => {
  it('has done nothing before the first commit, and an empty partition is complete', () => {
    expect(replayProgress(targets, new Map())).toEqual({ done: 0, total: 120, complete: false });
    expect(replayProgress([targets[2]], new Map())).toEqual({ done: 0, total: 0, complete: true });
  });

  it('counts from the log start offset, treating -1 (no commit) as nothing done', () => {
    expect(replayProgress(targets, new Map([['word-counts:0', 30], ['word-counts:1', -1]]))).toEqual({ done: 30, total: 120, complete: false });
    expect(replayProgress(targets, new Map([['word-counts:1', 50]]))).toEqual({ done: 10, total: 120, complete: false });
  });

  it('is complete when every partition reached its end; later records do not count', () => {
    expect(replayProgress(targets, new Map([['word-counts:0', 250], ['word-counts:1', 60]]))).toEqual({ done: 120, total: 120, complete: true });
  });

  it('a commit below the log start (compacted or deleted away) counts as nothing done', () => {
    expect(replayProgress([targets[1]], new Map([['word-counts:1', 10]]))).toEqual({ done: 0, total: 20, complete: false });
  });
});
