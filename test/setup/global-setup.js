// Global setup of the server-backed jest projects (integration, e2e): make sure the native
// stack is running (started once per run; idempotent and quick when it already runs) and the
// apps are built. `npm test` does both before jest; this covers running a project alone.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '../..');
  if (process.env.SLUICE_SKIP_STACK !== '1') {
    execFileSync('bash', [path.join(root, 'scripts/stack/up.sh')], { cwd: root, stdio: 'inherit' });
    execFileSync('bash', [path.join(root, 'scripts/stack/chromium.sh')], { cwd: root, stdio: 'inherit' });
  }
  const apps = fs.readdirSync(path.join(root, 'apps')).filter((a) => fs.existsSync(path.join(root, 'apps', a, 'src/main.ts')));
  const missing = apps.filter((a) => !fs.existsSync(path.join(root, 'dist/apps', a, 'main.js')));
  if (missing.length) execFileSync('node', [path.join(root, 'scripts/build.js'), ...missing], { cwd: root, stdio: 'inherit' });
};
