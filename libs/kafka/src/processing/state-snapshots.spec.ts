import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SNAPSHOT_MAX_AGE_MS, StateSnapshots, TaskSnapshot } from './state-snapshots';

const snapshot = (over: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  format: 1,
  applicationId: 'app',
  task: 'text-lines-3',
  writtenAt: 1_000_000,
  stores: [{ name: 'counts', topic: 'app-counts-changelog', partition: 3, offset: 42, entries: [['a', 1], ['b', { n: 2 }]] }],
  ...over,
});

describe(StateSnapshots.name, () => {
  let dir: string;
  let now: number;
  let snapshots: StateSnapshots;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'snapshots-'));
    now = 1_000_000;
    snapshots = new StateSnapshots(dir, () => now);
  });

  it('reads back what it wrote, in one file per task under the application id', async () => {
    await snapshots.write(snapshot());
    expect(await snapshots.read('app', 'text-lines-3')).toEqual({ snapshot: snapshot() });
    expect(readdirSync(path.join(dir, 'app'))).toEqual(['text-lines-3.json']);
  });

  it('replaces the previous snapshot and leaves no temporary file', async () => {
    await snapshots.write(snapshot());
    await snapshots.write(snapshot({ writtenAt: 1_000_500 }));
    expect(await snapshots.read('app', 'text-lines-3')).toEqual({ snapshot: snapshot({ writtenAt: 1_000_500 }) });
    expect(readdirSync(path.join(dir, 'app'))).toEqual(['text-lines-3.json']);
  });

  it('writes the state as it was when called, though the stores change while the file is written', async () => {
    const taken = snapshot();
    const writing = snapshots.write(taken);
    taken.stores[0].entries.push(['c', 3]);
    taken.stores[0].offset = 43;
    await writing;
    expect(await snapshots.read('app', 'text-lines-3')).toEqual({ snapshot: snapshot() });
  });

  it('reports a missing snapshot', async () => {
    expect(await snapshots.read('app', 'text-lines-0')).toEqual({ missing: true });
  });

  it.each([
    ['a truncated file', '{"format":1,"applicationId":"app"', /not JSON/],
    ['another shape', JSON.stringify({ format: 2 }), /not a task snapshot/],
    ['another task', JSON.stringify(snapshot({ task: 'text-lines-4' })), /written for app\/text-lines-4/],
  ])('rejects and deletes %s', async (_what, text, reason) => {
    const file = snapshots.pathOf('app', 'text-lines-3');
    await snapshots.write(snapshot());
    writeFileSync(file, text);
    const read = await snapshots.read('app', 'text-lines-3');
    expect('rejected' in read && read.rejected).toMatch(reason);
    expect(await snapshots.read('app', 'text-lines-3')).toEqual({ missing: true });
  });

  it('rejects a snapshot older than the age limit, not one at it', async () => {
    await snapshots.write(snapshot());
    now = 1_000_000 + SNAPSHOT_MAX_AGE_MS;
    expect(await snapshots.read('app', 'text-lines-3')).toEqual({ snapshot: snapshot() });
    now++;
    const read = await snapshots.read('app', 'text-lines-3');
    expect('rejected' in read && read.rejected).toMatch(/older than/);
  });

  it('keeps ids with unusual characters inside its directory', () => {
    expect(path.dirname(path.dirname(snapshots.pathOf('../x', 'a/b')))).toBe(dir);
    expect(path.dirname(path.dirname(snapshots.pathOf('..', '..')))).toBe(dir);
  });
});
