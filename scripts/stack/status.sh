#!/usr/bin/env bash
# npm run stack:status [component...]: one line per server; exit 1 when any is not ready.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
rc=0
for c in $(selected_components "$@"); do
  load_component "$c"
  "${c}_status" || rc=1
done
exit $rc
