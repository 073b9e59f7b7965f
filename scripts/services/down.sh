#!/usr/bin/env bash
# npm run down [-- service...]: stop the services named (SIGTERM: in-flight batches are committed).
# Without names: every Sluice service, then the native stack.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
names=$(service_names "$@")
for s in $(echo "$names" | tr ' ' '\n' | tac); do stop_service "$s"; done
[ $# -gt 0 ] || bash "$STACK_REPO_ROOT/scripts/stack/down.sh"
