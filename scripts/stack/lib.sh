#!/usr/bin/env bash
# Shared helpers for the native stack scripts. Sourced, never executed.
#
# Layout of the cache (git-ignored): $STACK_DIR (default <repo>/.stack)
#   $STACK_DIR/<component>/...   downloaded jars, binaries, data
#   $STACK_DIR/logs/<name>.log   server logs
#   $STACK_DIR/run/<name>.pid    pid of a server started by these scripts
#
# Every component file in scripts/stack/components/<name>.sh defines
#   <name>_install  (idempotent; downloads into $STACK_DIR/<name>)
#   <name>_start    (idempotent; starts in the background when not running, waits for readiness)
#   <name>_stop     (stops what these scripts started)
#   <name>_status   (prints one line; returns 0 when ready)
set -euo pipefail

STACK_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${SLUICE_STACK_DIR:-$STACK_REPO_ROOT/.stack}"
STACK_LOG_DIR="$STACK_DIR/logs"
STACK_RUN_DIR="$STACK_DIR/run"
mkdir -p "$STACK_DIR" "$STACK_LOG_DIR" "$STACK_RUN_DIR"

# Components in start order; scripts/stack/up.sh starts those listed in STACK_COMPONENTS.
STACK_ALL_COMPONENTS="kafka redis cassandra mongo influx"

stack_log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
stack_die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# require_cmd <cmd> <hint>: fail with a clear message when a tool is missing.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || stack_die "'$1' is not installed. $2"
}
require_java() {
  require_cmd java "Install a Java 17+ JDK (Debian: apt-get install -y openjdk-17-jdk-headless)."
  local v
  v=$(java -version 2>&1 | awk -F'"' '/version/ {print $2}' | cut -d. -f1)
  [ "${v:-0}" -ge 17 ] || stack_die "Java 17 or newer is required, found '$v'."
}
require_maven() { require_cmd mvn "Install Apache Maven 3.8+ (Debian: apt-get install -y maven)."; }

# wait_until <timeout_s> <description> <command...>: poll until the command succeeds.
wait_until() {
  local timeout=$1 desc=$2; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      stack_log "timed out after ${timeout}s waiting for: $desc"
      return 1
    fi
    sleep 0.5
  done
}

pidfile() { echo "$STACK_RUN_DIR/$1.pid"; }

# is_running <name>: the pid file exists and the process is alive.
is_running() {
  local f; f=$(pidfile "$1")
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_bg <name> <command...>: start detached (own session), log to $STACK_LOG_DIR/<name>.log.
start_bg() {
  local name=$1; shift
  local log="$STACK_LOG_DIR/$name.log"
  stack_log "starting $name (log: $log)"
  setsid nohup "$@" >>"$log" 2>&1 < /dev/null &
  echo $! > "$(pidfile "$name")"
}

# stop_pid <name> [timeout_s]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local name=$1 timeout=${2:-30} f pid
  f=$(pidfile "$name")
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    stack_log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$(( $(date +%s) + timeout ))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$(date +%s)" -ge "$deadline" ]; then kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.3
    done
  fi
  rm -f "$f"
}

# port_open <port>: something accepts TCP connections on 127.0.0.1:<port>.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

load_component() {
  local f="$STACK_REPO_ROOT/scripts/stack/components/$1.sh"
  [ -f "$f" ] || stack_die "unknown stack component '$1' (known: $STACK_ALL_COMPONENTS)"
  # shellcheck disable=SC1090
  source "$f"
}

# selected_components [names...]: the arguments, else $STACK_COMPONENTS, else every component file present.
selected_components() {
  if [ $# -gt 0 ]; then echo "$*"; return; fi
  if [ -n "${STACK_COMPONENTS:-}" ]; then echo "$STACK_COMPONENTS" | tr ',' ' '; return; fi
  local c out=""
  for c in $STACK_ALL_COMPONENTS; do
    [ -f "$STACK_REPO_ROOT/scripts/stack/components/$c.sh" ] && out="$out $c"
  done
  echo "$out"
}

# wait_for_server <name> <timeout_s> <description> <command...>: like wait_until, but fails at once
# when the server process started as <name> has exited.
wait_for_server() {
  local name=$1 timeout=$2 desc=$3; shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if ! is_running "$name"; then stack_log "$name exited while starting"; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then stack_log "timed out after ${timeout}s waiting for: $desc"; return 1; fi
    sleep 0.5
  done
}
