import { decodeFileCheckpoint, encodeFileCheckpoint, FileCheckpoint, sameFileCheckpoint } from './file-checkpoint';

const checkpoint: FileCheckpoint = { size: 10, mtimeMs: 1626847200123, records: 3, deadLetters: 1, topic: 'gharchive-events', ingestedAt: '2026-12-03T10:00:00.000Z', line: 5, complete: true, run: 'r1' };

describe(decodeFileCheckpoint.name, () => {
  it('round-trips an encoded checkpoint', () => {
    expect(decodeFileCheckpoint('/l/a.json', Buffer.from(encodeFileCheckpoint(checkpoint)))).toEqual(checkpoint);
  });

  it('reads a tombstone as no checkpoint', () => {
    expect(decodeFileCheckpoint('/l/a.json', null)).toBeUndefined();
  });

  it('refuses a value that is not a checkpoint, naming the file', () => {
    expect(() => decodeFileCheckpoint('/l/a.json', '{"size":10}')).toThrow(/file checkpoint of \/l\/a.json is not/);
    expect(() => decodeFileCheckpoint('/l/a.json', 'garbage')).toThrow(/file checkpoint of \/l\/a.json/);
  });
});

describe(encodeFileCheckpoint.name, () => {
  it('writes the fields in the schema order and refuses an invalid checkpoint', () => {
    expect(Object.keys(JSON.parse(encodeFileCheckpoint({ ...checkpoint })))).toEqual(['size', 'mtimeMs', 'records', 'deadLetters', 'topic', 'ingestedAt', 'line', 'complete', 'run']);
    expect(() => encodeFileCheckpoint({ ...checkpoint, records: -1 })).toThrow();
  });
});

describe(sameFileCheckpoint.name, () => {
  it('is true for equal entries and for two absent ones', () => {
    expect(sameFileCheckpoint(checkpoint, { ...checkpoint })).toBe(true);
    expect(sameFileCheckpoint(undefined, undefined)).toBe(true);
  });

  it('is false when any field differs, or one is absent', () => {
    expect(sameFileCheckpoint(checkpoint, { ...checkpoint, line: 6 })).toBe(false);
    expect(sameFileCheckpoint(checkpoint, { ...checkpoint, run: 'r2' })).toBe(false);
    expect(sameFileCheckpoint(checkpoint, undefined)).toBe(false);
  });
});
