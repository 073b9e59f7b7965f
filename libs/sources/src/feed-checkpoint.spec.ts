import { decodeFeedCheckpoint, encodeFeedCheckpoint, resumeLine, ResumeRefusedError } from './feed-checkpoint';

const checkpoint = { run: 'r1', line: 23982, size: 1_000_000, mtimeMs: 1764633600000 };

describe('feed checkpoints', () => {
  describe(decodeFeedCheckpoint.name, () => {
    it('reads what encodeFeedCheckpoint wrote', () => {
      expect(decodeFeedCheckpoint('/f.txt', Buffer.from(encodeFeedCheckpoint(checkpoint)))).toEqual(checkpoint);
    });

    it('takes a tombstone for no checkpoint', () => {
      expect(decodeFeedCheckpoint('/f.txt', null)).toBeUndefined();
    });

    it('refuses a value that is not a checkpoint, naming the source', () => {
      expect(() => decodeFeedCheckpoint('/f.txt', '{"line":-1}')).toThrow(/checkpoint of \/f\.txt is not/);
      expect(() => decodeFeedCheckpoint('/f.txt', 'garbage')).toThrow(/checkpoint of \/f\.txt/);
    });
  });

  describe(resumeLine.name, () => {
    it('continues at the checkpoint of the same file', () => {
      expect(resumeLine('/f.txt', checkpoint, { size: 1_000_000, mtimeMs: 1764633600000 })).toBe(23982);
    });

    it('refuses without a checkpoint', () => {
      expect(() => resumeLine('/f.txt', undefined, { size: 1, mtimeMs: 1 })).toThrow(ResumeRefusedError);
      expect(() => resumeLine('/f.txt', undefined, { size: 1, mtimeMs: 1 })).toThrow(/no checkpoint for \/f\.txt/);
    });

    it('refuses a file whose size or mtime changed since the checkpoint', () => {
      expect(() => resumeLine('/f.txt', checkpoint, { size: 1_000_001, mtimeMs: 1764633600000 })).toThrow(/changed since its checkpoint \(size 1000000 -> 1000001/);
      expect(() => resumeLine('/f.txt', checkpoint, { size: 1_000_000, mtimeMs: 1764633600001 })).toThrow(ResumeRefusedError);
    });
  });
});
