import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { globMatcher } from './file-glob';
import { archiveFile, listLanding, readStable } from './landing-dir';
import { fileIdentity } from './landing-file';

describe('landing directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-landing-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe(listLanding.name, () => {
    it('lists the matching regular files with absolute path, size and floored mtime; not subdirectories or hidden files', async () => {
      writeFileSync(path.join(dir, 'a.json'), '{}\n');
      writeFileSync(path.join(dir, 'b.csv'), 'x\n');
      writeFileSync(path.join(dir, '.c.json'), '{}\n');
      mkdirSync(path.join(dir, 'd.json'));
      const files = await listLanding(dir, globMatcher('*.json'));
      expect(files).toEqual([{ path: path.join(dir, 'a.json'), name: 'a.json', size: 3, mtimeMs: Math.floor(statSync(path.join(dir, 'a.json')).mtimeMs) }]);
    });

    it('throws when the directory is missing', async () => {
      await expect(listLanding(path.join(dir, 'nope'), () => true)).rejects.toThrow(/ENOENT/);
    });
  });

  describe(readStable.name, () => {
    it('reads a file whose size and mtime are those of the listing', async () => {
      writeFileSync(path.join(dir, 'a.json'), '{"a":1}\n');
      const [file] = await listLanding(dir, () => true);
      expect(await readStable(file)).toEqual({ ok: true, text: '{"a":1}\n' });
    });

    it('leaves a file that grew or was touched since the listing for a later trigger', async () => {
      const p = path.join(dir, 'a.json');
      writeFileSync(p, '{"a":1}\n');
      const [file] = await listLanding(dir, () => true);
      writeFileSync(p, '{"a":1}\n{"b"');
      expect(await readStable(file)).toMatchObject({ ok: false, reason: 'changing' });
      writeFileSync(p, '{"a":1}\n');
      utimesSync(p, new Date(), new Date(Date.now() + 5000));
      expect(await readStable(file)).toMatchObject({ ok: false, reason: 'changing' });
    });

    it('reports a file removed since the listing as gone', async () => {
      writeFileSync(path.join(dir, 'a.json'), '{}\n');
      const [file] = await listLanding(dir, () => true);
      rmSync(file.path);
      expect(await readStable(file)).toMatchObject({ ok: false, reason: 'gone' });
    });
  });

  describe(archiveFile.name, () => {
    it('moves the file into the archive directory (created when missing), size and mtime kept', async () => {
      const p = path.join(dir, 'a.json');
      writeFileSync(p, '{}\n');
      const before = fileIdentity(statSync(p));
      const to = await archiveFile(p, path.join(dir, 'archive', 'x'));
      expect(to).toBe(path.join(dir, 'archive', 'x', 'a.json'));
      expect(existsSync(p)).toBe(false);
      expect(readFileSync(to, 'utf8')).toBe('{}\n');
      expect(fileIdentity(statSync(to))).toEqual(before);
    });
  });
});
