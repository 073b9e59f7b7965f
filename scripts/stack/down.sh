#!/usr/bin/env bash
# npm run stack:down [component...]: stop the servers these scripts started (reverse order).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
for c in $(selected_components "$@" | tr ' ' '\n' | tac); do
  [ -n "$c" ] || continue
  load_component "$c"
  "${c}_stop"
done
