#!/usr/bin/env bash
# npm run up: the native stack and every built Sluice service in the background.
# Logs: .stack/logs/svc-<service>.log. Stop with `npm run down`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$STACK_REPO_ROOT"
[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/build.js
bash scripts/stack/up.sh
for s in $SERVICES; do
  name=${s%%:*}
  if service_built "$name"; then start_service "$name"; else stack_log "skipping $name (not built)"; fi
done
stack_log "all services up; logs in $STACK_LOG_DIR"
