#!/usr/bin/env bash
# npm run stack:up [component...]: install (cached) and start the native servers, in order.
# Components: kafka redis cassandra mongo influx (default: all; or STACK_COMPONENTS=kafka,redis),
# and, only when named, cassandra-auth influx-auth (the stores with authentication on).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
for c in $(selected_components "$@"); do
  load_component "$c"
  component_call "$c" start
done
