#!/usr/bin/env bash
# npm run up [-- service...]: build (incremental), the native stack, and the services named (default:
# all, the web console included: http://127.0.0.1:3000/) in the background, started together.
# Logs: .stack/logs/svc-<service>.log.
# A service already running is kept (with its settings): `npm run restart -- <service>` applies new
# ones. Interrupted or failing before every service is healthy, it stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$STACK_REPO_ROOT"
names=$(service_names "$@")
install_dependencies
node scripts/build.js
bash scripts/stack/up.sh
guard_started
for name in $names; do
  if ! service_built "$name"; then stack_log "skipping $name (not built)"; continue; fi
  launch_service "$name" || true
done
for name in $STARTED_SERVICES; do await_service "$name"; done
release_started
stack_log "services up: $names; logs in $STACK_LOG_DIR"
if [[ " $names " == *" console "* ]]; then stack_log "web console: http://127.0.0.1:$(service_port console)/"; fi
