#!/usr/bin/env bash
# npm test: unit, integration and end-to-end tests on the real servers.
# Installs dependencies when missing, builds the apps, starts the native stack when it is not
# running (idempotent: a running stack is reused), installs Debian's chromium when missing (the
# console's browser test), then runs every jest project in one run.
set -euo pipefail
cd "$(dirname "$0")/.."

# A symbolic link is an install shared by several checkouts: npm ci would empty it for all of them.
if [ ! -L node_modules ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund
fi
npx tsc -p tsconfig.json --noEmit
node scripts/build.js
bash scripts/stack/up.sh
bash scripts/stack/chromium.sh
SLUICE_SKIP_STACK=1 npx jest --runInBand "$@"
