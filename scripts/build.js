#!/usr/bin/env node
// Builds every app (or those named) with the Nest CLI into dist/apps/<app>/main.js.
// Usage: node scripts/build.js [app...]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const all = fs.readdirSync(path.join(root, 'apps')).filter((a) => fs.existsSync(path.join(root, 'apps', a, 'src', 'main.ts')));
const apps = process.argv.slice(2).length ? process.argv.slice(2) : all;
const nest = path.join(root, 'node_modules', '.bin', 'nest');
for (const app of apps) {
  const started = Date.now();
  execFileSync(nest, ['build', app], { cwd: root, stdio: 'inherit' });
  process.stderr.write(`built ${app} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
