#!/usr/bin/env bash
# npm run down: stop every Sluice service (SIGTERM: in-flight batches are committed), then the stack.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
for s in $(echo "$SERVICES" | tr ' ' '\n' | tac); do stop_service "${s%%:*}"; done
bash "$STACK_REPO_ROOT/scripts/stack/down.sh"
