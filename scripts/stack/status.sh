#!/usr/bin/env bash
# npm run stack:status [component...]: one line per server; exit 1 when any is not ready. Without
# names, the optional servers (cassandra-auth, influx-auth) are listed too but never fail it.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
rc=0
for c in $(selected_components "$@"); do
  load_component "$c"
  component_call "$c" status || rc=1
done
if [ $# -eq 0 ] && [ -z "${STACK_COMPONENTS:-}" ]; then
  for c in $STACK_OPTIONAL_COMPONENTS; do
    load_component "$c"
    component_call "$c" status || true
  done
fi
exit $rc
