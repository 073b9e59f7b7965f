#!/usr/bin/env node
// Builds every app in one pass with swc (transpile only; `npm run typecheck` runs tsc) into a
// mirror of the source tree under dist/, plus the entry dist/apps/<app>/main.js of each app.
// Incremental: a file is transpiled again only when its content (or the build settings) changed;
// outputs of deleted sources are removed. Usage: node scripts/build.js [--clean]
// (app names are accepted for compatibility and ignored: every app shares the libs anyway).
// apps/<app>/public (static files) is copied to dist/apps/<app>/public.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const statePath = path.join(dist, '.build-state.json');
const SOURCE_DIRS = ['apps', 'libs'];
// libs/testing is test tooling (tsconfig.build.json excludes it too); specs are never shipped.
const EXCLUDED = [/\.(spec|int-spec|e2e-spec)\.ts$/, /\.d\.ts$/, /^libs\/testing\//, /^apps\/[^/]+\/test\//];

const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
// The same transform as the jest unit project (jest.config.js), so tests and builds agree; legacy
// decorators with metadata are what Nest's dependency injection reads (as tsc's emitDecoratorMetadata).
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};
const settingsHash = sha1(JSON.stringify({ swc: swc.version, swcOptions, node: 'cjs' }));

function sha1(text) {
  return crypto.createHash('sha1').update(text).digest('hex');
}

function listSources() {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (child.endsWith('.ts') && !EXCLUDED.some((re) => re.test(child))) out.push(child);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return out.sort();
}

function readState() {
  try {
    const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
    return state.settingsHash === settingsHash ? state : { settingsHash, files: {} };
  } catch {
    return { settingsHash, files: {} };
  }
}

const outputOf = (rel) => path.join(dist, rel.replace(/\.ts$/, '.js'));

async function transpile(rel, code) {
  const out = outputOf(rel);
  const result = await swc.transform(code, { ...swcOptions, filename: path.join(root, rel), outputPath: out });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${result.code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
  fs.writeFileSync(`${out}.map`, result.map);
}

// Every relative require of the outputs must land on a built file: an app importing something the
// build leaves out (libs/testing, a spec) fails here instead of at start-up.
function checkRequires(sources) {
  const built = new Set(sources.map((rel) => outputOf(rel)));
  const missing = [];
  for (const rel of sources) {
    const out = outputOf(rel);
    for (const m of fs.readFileSync(out, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) {
      const target = path.resolve(path.dirname(out), m[1]);
      const candidates = [target, `${target}.js`, path.join(target, 'index.js')];
      if (!candidates.some((c) => built.has(c) || (c.endsWith('.json') && fs.existsSync(c)))) missing.push(`${rel} -> ${m[1]}`);
    }
  }
  if (missing.length) throw new Error(`unresolved imports in the build:\n  ${missing.join('\n  ')}`);
}

function writeEntries(apps) {
  for (const app of apps) {
    const entry = path.join(dist, 'apps', app, 'main.js');
    const text = "'use strict';\n// Entry of the app (scripts/build.js): stack traces point at the .ts sources.\nprocess.setSourceMapsEnabled(true);\nrequire('./src/main.js');\n";
    if (!fs.existsSync(entry) || fs.readFileSync(entry, 'utf8') !== text) fs.writeFileSync(entry, text);
  }
}

// Static files of an app (apps/<app>/public: the console's page) are copied as they are, beside
// its build, so `path.join(__dirname, '..', 'public')` finds them from the sources and from dist/.
function copyPublic(apps) {
  for (const app of apps) {
    const src = path.join(root, 'apps', app, 'public');
    const out = path.join(dist, 'apps', app, 'public');
    fs.rmSync(out, { recursive: true, force: true });
    if (fs.existsSync(src)) fs.cpSync(src, out, { recursive: true });
  }
}

async function main() {
  const started = Date.now();
  if (process.argv.includes('--clean')) fs.rmSync(dist, { recursive: true, force: true });
  const state = readState();
  const sources = listSources();
  const next = { settingsHash, files: {} };
  const stale = [];
  for (const rel of sources) {
    const code = fs.readFileSync(path.join(root, rel), 'utf8');
    const hash = sha1(code);
    next.files[rel] = hash;
    if (state.files[rel] !== hash || !fs.existsSync(outputOf(rel))) stale.push([rel, code]);
  }
  const removed = Object.keys(state.files).filter((rel) => !(rel in next.files));
  for (const rel of removed) for (const f of [outputOf(rel), `${outputOf(rel)}.map`]) fs.rmSync(f, { force: true });
  await Promise.all(stale.map(([rel, code]) => transpile(rel, code)));
  checkRequires(sources);
  const apps = fs.readdirSync(path.join(root, 'apps')).filter((a) => fs.existsSync(path.join(root, 'apps', a, 'src', 'main.ts')));
  writeEntries(apps);
  copyPublic(apps);
  fs.writeFileSync(statePath, JSON.stringify(next));
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`build: ${apps.length} apps, ${stale.length} of ${sources.length} files transpiled, ${removed.length} removed, in ${secs}s\n`);
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
