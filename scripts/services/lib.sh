#!/usr/bin/env bash
# Helpers to run the built Sluice services in the background (native stack). Sourced.
# shellcheck source=../stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../stack/lib.sh"

# Every service in start order, with its default HTTP port (libs/config DEFAULT_HTTP_PORTS).
SERVICES="processor:3101 redis-writer:3102 cassandra-writer:3103 mongo-writer:3104 influx-writer:3105 producer:3100"

service_port() { local s; for s in $SERVICES; do if [ "${s%%:*}" = "$1" ]; then echo "${s##*:}"; fi; done; }

# service_built <name>: the app exists and is built.
service_built() { [ -f "$STACK_REPO_ROOT/dist/apps/$1/main.js" ]; }

# start_service <name> [env assignments...]: start in the background unless running; wait for /health.
start_service() {
  local name=$1; shift
  local port; port=$(service_port "$name")
  if is_running "svc-$name"; then stack_log "$name already running"; return 0; fi
  service_built "$name" || stack_die "$name is not built (npm run build)"
  start_bg "svc-$name" env "$@" HTTP_PORT="$port" node "$STACK_REPO_ROOT/dist/apps/$name/main.js"
  if ! wait_until 120 "$name /health on :$port" node -e "fetch('http://127.0.0.1:$port/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"; then
    tail -n 30 "$STACK_LOG_DIR/svc-$name.log" >&2 || true
    stack_die "$name did not become healthy"
  fi
  stack_log "$name healthy on http://127.0.0.1:$port/health"
}

stop_service() { stop_pid "svc-$1" 60; }
