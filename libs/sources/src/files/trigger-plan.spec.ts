import { FileCheckpoint } from './file-checkpoint';
import { LandingFile } from './landing-file';
import { fileState, planTrigger } from './trigger-plan';

const file = (name: string, size = 10, mtimeMs = 1000): LandingFile => ({ path: `/landing/${name}`, name, size, mtimeMs });
const checkpointOf = (f: LandingFile, o: Partial<FileCheckpoint> = {}): FileCheckpoint => ({
  size: f.size, mtimeMs: f.mtimeMs, records: 1, deadLetters: 0, topic: 't', ingestedAt: '2026-12-03T10:00:00.000Z', line: 1, complete: true, run: 'r', ...o,
});

describe(fileState.name, () => {
  it('is new without a checkpoint, done with a complete one of the same size and mtime', () => {
    const f = file('a.json');
    expect(fileState(f, undefined).kind).toBe('new');
    expect(fileState(f, checkpointOf(f)).kind).toBe('done');
  });

  it('is resume for an unfinished checkpoint of the same file', () => {
    const f = file('a.json');
    expect(fileState(f, checkpointOf(f, { complete: false })).kind).toBe('resume');
  });

  it('is changed when the size or the mtime differ, finished or not', () => {
    const f = file('a.json');
    expect(fileState(file('a.json', 11), checkpointOf(f)).kind).toBe('changed');
    expect(fileState(file('a.json', 10, 2000), checkpointOf(f)).kind).toBe('changed');
    expect(fileState(file('a.json', 11), checkpointOf(f, { complete: false })).kind).toBe('changed');
  });
});

describe(planTrigger.name, () => {
  it('takes the new and unfinished files in name order, whatever the listing order or mtimes', () => {
    const listing = [file('c.json', 1, 1), file('a.json', 1, 3), file('b.json', 1, 2)];
    expect(planTrigger(listing, new Map(), Infinity).ingest.map((s) => s.file.name)).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('takes at most maxFilesPerTrigger, counting the rest as deferred', () => {
    const listing = ['d', 'c', 'b', 'a'].map((n) => file(`${n}.json`));
    const plan = planTrigger(listing, new Map(), 2);
    expect(plan.ingest.map((s) => s.file.name)).toEqual(['a.json', 'b.json']);
    expect(plan.deferred).toBe(2);
  });

  it('does not count done and changed files against maxFilesPerTrigger', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => file(`${n}.json`));
    const checkpoints = new Map([
      [a.path, checkpointOf(a)],
      [b.path, checkpointOf(b, { size: 99 })],
      [c.path, checkpointOf(c, { complete: false })],
    ]);
    const plan = planTrigger([d, c, b, a], checkpoints, 2);
    expect(plan.done.map((s) => s.file.name)).toEqual(['a.json']);
    expect(plan.changed.map((s) => s.file.name)).toEqual(['b.json']);
    expect(plan.ingest.map((s) => [s.kind, s.file.name])).toEqual([['resume', 'c.json'], ['new', 'd.json']]);
    expect(plan.deferred).toBe(0);
  });

  it('plans nothing for an empty listing', () => {
    expect(planTrigger([], new Map(), 1)).toEqual({ ingest: [], deferred: 0, done: [], changed: [] });
  });
});
