import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * scripts/build.js on a small tree of its own (one app, one lib, a path alias, a Nest-style
 * decorated class): the entry dist/apps/<app>/main.js runs, a second build transpiles nothing, an
 * edit transpiles one file, a deleted source loses its output, an import the build leaves out fails.
 */
const repo = path.resolve(__dirname, '../../..');

function tree(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-build-'));
  mkdirSync(path.join(dir, 'scripts'));
  cpSync(path.join(repo, 'scripts/build.js'), path.join(dir, 'scripts/build.js'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  const paths = { '@sluice/greet': ['libs/greet/src'], '@sluice/testing': ['libs/testing/src'] };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths } }));
  const files: Record<string, string> = {
    'libs/greet/src/index.ts': "export * from './greeter';\n",
    'libs/greet/src/greeter.ts': "export class Greeter {\n  greet(name: string): string {\n    return `hello ${name}`;\n  }\n}\n",
    'libs/greet/src/greeter.spec.ts': "it('is not shipped', () => undefined);\n",
    'libs/testing/src/index.ts': 'export const testOnly = 1;\n',
    'apps/hello/src/main.ts': [
      "import 'reflect-metadata';",
      "import { Greeter } from '@sluice/greet';",
      'const Injectable = (): ClassDecorator => () => undefined;',
      '@Injectable()',
      'class Service {',
      '  constructor(readonly greeter: Greeter) {}',
      '}',
      "const types = Reflect.getMetadata('design:paramtypes', Service) as Array<{ name: string }>;",
      "process.stdout.write(`${new Greeter().greet('sluice')} ${Service.name}(${types.map((t) => t.name).join()})\\n`);",
      '',
    ].join('\n'),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const build = (dir: string) => spawnSync(process.execPath, [path.join(dir, 'scripts/build.js')], { cwd: dir, encoding: 'utf8' });
const run = (dir: string) => execFileSync(process.execPath, [path.join(dir, 'dist/apps/hello/main.js')], { cwd: dir, encoding: 'utf8' });

describe('scripts/build.js', () => {
  let dir: string;
  beforeEach(() => (dir = tree()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds every app into dist/apps/<app>/main.js, path aliases and decorator metadata included, specs and libs/testing left out', () => {
    const first = build(dir);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/1 apps, 3 of 3 files transpiled/);
    expect(run(dir)).toBe('hello sluice Service(Greeter)\n');
    expect(existsSync(path.join(dir, 'dist/libs/greet/src/greeter.spec.js'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist/libs/testing'))).toBe(false);
  });

  it('transpiles nothing when no source changed, and only the file that changed after an edit', () => {
    expect(build(dir).status).toBe(0);
    const out = path.join(dir, 'dist/libs/greet/src/greeter.js');
    const mtime = statSync(out).mtimeMs;
    expect(build(dir).stderr).toMatch(/0 of 3 files transpiled, 0 removed/);
    expect(statSync(out).mtimeMs).toBe(mtime);

    writeFileSync(path.join(dir, 'libs/greet/src/greeter.ts'), 'export class Greeter {\n  greet(name: string): string {\n    return `hi ${name}`;\n  }\n}\n');
    expect(build(dir).stderr).toMatch(/1 of 3 files transpiled/);
    expect(run(dir)).toBe('hi sluice Service(Greeter)\n');
  });

  it('removes the output of a deleted source, and fails naming an import the build leaves out', () => {
    writeFileSync(path.join(dir, 'libs/greet/src/extra.ts'), 'export const extra = 1;\n');
    expect(build(dir).status).toBe(0);
    rmSync(path.join(dir, 'libs/greet/src/extra.ts'));
    expect(build(dir).stderr).toMatch(/0 of 3 files transpiled, 1 removed/);
    expect(existsSync(path.join(dir, 'dist/libs/greet/src/extra.js'))).toBe(false);

    writeFileSync(path.join(dir, 'libs/greet/src/index.ts'), "export * from './greeter';\nexport { testOnly } from '@sluice/testing';\n");
    const broken = build(dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('unresolved imports in the build:\n  libs/greet/src/index.ts -> ../../testing/src');
  });
});
