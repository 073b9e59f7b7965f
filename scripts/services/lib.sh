#!/usr/bin/env bash
# Helpers to run the built Sluice services in the background (native stack). Sourced.
# shellcheck source=../stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../stack/lib.sh"

# Every service in start order, with its default HTTP port (libs/config DEFAULT_HTTP_PORTS).
SERVICES="processor:3101 redis-writer:3102 cassandra-writer:3103 mongo-writer:3104 influx-writer:3105 console:3000 producer:3100"
SERVICE_NAMES=$(for s in $SERVICES; do printf '%s ' "${s%%:*}"; done)

service_port() { local s; for s in $SERVICES; do if [ "${s%%:*}" = "$1" ]; then echo "${s##*:}"; fi; done; }

# service_names [name...]: the names given (checked), else every service, in start order.
service_names() {
  [ $# -gt 0 ] || { echo "$SERVICE_NAMES"; return; }
  local n
  for n in "$@"; do [ -n "$(service_port "$n")" ] || stack_die "unknown service '$n' (known: $SERVICE_NAMES)"; done
  echo "$*"
}

# service_built <name>: the app exists and is built.
service_built() { [ -f "$STACK_REPO_ROOT/dist/apps/$1/main.js" ]; }

service_healthy() {
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(service_port "$1")/health" 2>/dev/null
}

# launch_service <name> [VAR=value...]: start in the background with the caller's environment plus
# the assignments, and add it to STARTED_SERVICES; does not wait. Returns 1 when it was already
# running (nothing started).
launch_service() {
  local name=$1; shift
  if is_running "svc-$name"; then
    stack_log "$name already running (pid $(pidfile_pid "svc-$name")); \`npm run restart -- $name\` applies new settings"
    return 1
  fi
  service_built "$name" || stack_die "$name is not built (npm run build)"
  local port; port=$(service_port "$name")
  # A signal between the fork and the bookkeeping would leave a process nobody stops: defer it.
  _PENDING_SIGNAL=""
  [ -z "$GUARD_TRAP" ] || trap '_PENDING_SIGNAL=1' INT HUP TERM PIPE
  # The processor keeps task snapshots under the stack directory, so a restart restores only the
  # changelog written since its last clean stop (PROCESSOR_STATE_DIR; the caller's value wins).
  local defaults=()
  [ "$name" != processor ] || defaults=(PROCESSOR_STATE_DIR="${PROCESSOR_STATE_DIR:-$STACK_DIR/state/processor}")
  start_bg "svc-$name" env "${defaults[@]}" "$@" HTTP_PORT="$port" node "$STACK_REPO_ROOT/dist/apps/$name/main.js"
  STARTED_SERVICES="$STARTED_SERVICES $name"
  if [ -n "$GUARD_TRAP" ]; then
    # shellcheck disable=SC2064
    trap "$GUARD_TRAP" INT HUP TERM PIPE
    [ -z "$_PENDING_SIGNAL" ] || eval "$GUARD_TRAP"
  fi
}

# await_service <name>: wait until /health answers 200; fails at once when the process exits.
await_service() {
  local name=$1
  if ! wait_for_server "svc-$name" 120 "$name /health on :$(service_port "$name")" service_healthy "$name"; then
    tail -n 30 "$STACK_LOG_DIR/svc-$name.log" >&2 2>/dev/null || true
    stack_die "$name did not become healthy (log: $STACK_LOG_DIR/svc-$name.log)"
  fi
  stack_log "$name healthy on http://127.0.0.1:$(service_port "$name")/health"
}

# start_service <name> [VAR=value...]: launch_service, then await_service when it started.
start_service() {
  if launch_service "$@"; then await_service "$1"; fi
}

stop_service() { stop_pid "svc-$1" 60; }

# Services this script started (guard_started stops them when the script does not finish), and the
# trap command that stops them (set by guard_started or the demo).
STARTED_SERVICES=""
GUARD_TRAP=""

# stop_started: stop, newest first, every service in STARTED_SERVICES. Runs from traps, so it must
# finish whatever happens around it: a closed output pipe, SIGHUP, a second Ctrl-C.
stop_started() {
  # Ignored, not trapped: an ignored signal stays ignored in the commands run below (a Ctrl-C to the
  # process group must not kill the subshells that read pid files, which would skip a service).
  trap '' PIPE INT HUP TERM
  set +e
  local s
  for s in $(echo "$STARTED_SERVICES" | tr ' ' '\n' | tac); do stop_service "$s"; done
  STARTED_SERVICES=""
}

# guard_started: on Ctrl-C, SIGHUP, SIGTERM, a closed output pipe or a failure, stop what this
# script started and exit; call `release_started` once the services may keep running.
guard_started() {
  GUARD_TRAP='stop_started; exit 130'
  trap "$GUARD_TRAP" INT HUP TERM PIPE
  trap 'rc=$?; [ "$rc" -eq 0 ] || stop_started; exit "$rc"' EXIT
}
release_started() { trap - INT HUP TERM PIPE EXIT; STARTED_SERVICES=""; GUARD_TRAP=""; }
