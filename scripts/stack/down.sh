#!/usr/bin/env bash
# npm run stack:down [component...]: stop the servers these scripts started (reverse order); without
# names, the optional ones too (cassandra-auth, influx-auth).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ $# -gt 0 ] || [ -n "${STACK_COMPONENTS:-}" ]; then names=$(selected_components "$@"); else names="$(selected_components) $STACK_OPTIONAL_COMPONENTS"; fi
for c in $(echo "$names" | tr ' ' '\n' | tac); do
  [ -n "$c" ] || continue
  load_component "$c"
  component_call "$c" stop
done
