#!/usr/bin/env bash
# npm run restart -- <service...> [VAR=value...]: stop the services named and start them again with
# the current environment plus the assignments, e.g.
#   LOG_LEVEL=debug npm run restart -- processor      or      npm run restart -- processor LOG_LEVEL=debug
# Builds first (incremental), so a restart also picks up changed sources.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$STACK_REPO_ROOT"
names=() assignments=()
for a in "$@"; do
  if [[ "$a" == *=* ]]; then assignments+=("$a"); else names+=("$a"); fi
done
[ ${#names[@]} -gt 0 ] || stack_die "usage: npm run restart -- <service...> [VAR=value...] (services: $SERVICE_NAMES)"
service_names "${names[@]}" >/dev/null
node scripts/build.js
for name in "${names[@]}"; do stop_service "$name"; done
guard_started
for name in "${names[@]}"; do
  launch_service "$name" "${assignments[@]}" || true
done
for name in $STARTED_SERVICES; do await_service "$name"; done
release_started
stack_log "restarted: ${names[*]}"
