#!/usr/bin/env bash
# Shared helpers for the native stack scripts. Sourced, never executed.
#
# Layout of the cache (git-ignored): $STACK_DIR (default <repo>/.stack)
#   $STACK_DIR/<component>/...   downloaded jars, binaries, data
#   $STACK_DIR/logs/<name>.log   server logs
#   $STACK_DIR/run/<name>.pid    pid of a server started by these scripts
#
# Every component file in scripts/stack/components/<name>.sh defines (a `-` of <name> is `_` in
# the function names: cassandra-auth → cassandra_auth_start)
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
# Started only when named (`npm run stack:up -- cassandra-auth influx-auth`): the stores with
# authentication on, beside the plain ones (memory and start-up time nobody needs by default).
# `stack:down` without names stops them too.
STACK_OPTIONAL_COMPONENTS="cassandra-auth influx-auth"

# Never fails: a log line to a closed pipe (`npm run demo 2>&1 | head`) must not stop a cleanup.
stack_log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2 2>/dev/null || true; }
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

# proc_start_time <pid>: start time of a live (not zombie) process, in clock ticks after boot
# (/proc/<pid>/stat field 22); fails when there is no such process. With the pid it identifies one
# process for good: a pid the kernel reuses for another program has another start time.
proc_start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # drop "pid (comm) ": comm may contain spaces and parentheses
  # shellcheck disable=SC2086
  set -- $stat
  [ "$1" != Z ] && [ -n "${20:-}" ] || return 1
  echo "${20}"
}

# pidfile_pid <name>: the pid recorded for <name> (empty when there is no pid file).
pidfile_pid() { local f; f=$(pidfile "$1"); [ -f "$f" ] && head -n 1 "$f" || true; }

# is_running <name>: the process recorded in the pid file is alive and is still the one started
# (same start time). A stale file (process gone, or its pid reused by another program) is removed.
# Pid files written before start times were recorded hold only the pid: then liveness decides.
is_running() {
  local f pid="" recorded="" actual
  f=$(pidfile "$1")
  [ -f "$f" ] || return 1
  { read -r pid || true; read -r recorded || true; } < "$f"
  if [ -n "$pid" ] && actual=$(proc_start_time "$pid") && { [ -z "$recorded" ] || [ "$recorded" = "$actual" ]; }; then
    return 0
  fi
  if [ -n "$pid" ] && [ -n "${actual:-}" ]; then
    stack_log "stale pid file for $1: pid $pid now belongs to another program ($(tr '\0\n' '  ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-80)); removed"
  else
    stack_log "stale pid file for $1: pid ${pid:-?} is gone; removed"
  fi
  rm -f "$f"
  return 1
}

# start_bg <name> <command...>: start detached (own session), log to $STACK_LOG_DIR/<name>.log.
# The pid file holds the pid and its start time (see is_running).
start_bg() {
  local name=$1; shift
  local log="$STACK_LOG_DIR/$name.log"
  stack_log "starting $name (log: $log)"
  setsid nohup "$@" >>"$log" 2>&1 < /dev/null &
  local pid=$!
  printf '%s\n%s\n' "$pid" "$(proc_start_time "$pid" || true)" > "$(pidfile "$name")"
}

# stop_pid <name> [timeout_s]: SIGTERM, wait, then SIGKILL; only the process the pid file names.
stop_pid() {
  local name=$1 timeout=${2:-30} f pid started
  f=$(pidfile "$name")
  if is_running "$name"; then
    pid=$(pidfile_pid "$name")
    started=$(proc_start_time "$pid" || true)
    stack_log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$(( $(date +%s) + timeout ))
    while [ "$(proc_start_time "$pid" 2>/dev/null || true)" = "$started" ] && [ -n "$started" ]; do
      if [ "$(date +%s)" -ge "$deadline" ]; then stack_log "$name did not stop in ${timeout}s; SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; break; fi
      sleep 0.2
    done
  fi
  rm -f "$f"
}

# jars_installed <libs dir> <pom.xml>: the jars in <libs dir> were copied for this pom.xml: the
# marker <libs dir>/.installed is a copy of it (see mark_jars_installed). Contents, not times: a
# new checkout of the same pom.xml (a git worktree sharing SLUICE_STACK_DIR) must not copy the jars
# again under a running server. An empty marker (written before) counts when newer than the pom,
# and becomes a copy of it.
jars_installed() {
  local marker="$1/.installed"
  [ -f "$marker" ] || return 1
  cmp -s "$2" "$marker" && return 0
  [ ! -s "$marker" ] && [ "$marker" -nt "$2" ] && cp "$2" "$marker"
}
mark_jars_installed() { cp "$2" "$1/.installed"; }

# ensure_secret_files <dir> <file...>: a random password (up to 24 characters of base64, mode 600) in each file of
# <dir> (mode 700) that does not have one yet; an existing one is kept.
ensure_secret_files() {
  local dir=$1 f; shift
  mkdir -p "$dir" && chmod 700 "$dir"
  for f in "$@"; do
    [ -s "$dir/$f" ] || { (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/$f"); }
  done
}

# install_dependencies: npm ci when node_modules is missing or older than package-lock.json. A
# node_modules that is a symbolic link (one install shared by several checkouts) is never reinstalled
# from here: npm ci would empty the folder it points to for every checkout that uses it.
install_dependencies() {
  local nm="$STACK_REPO_ROOT/node_modules" lock="$STACK_REPO_ROOT/package-lock.json"
  if [ -L "$nm" ]; then
    if [ "$lock" -nt "$nm/.package-lock.json" ]; then stack_log "package-lock.json is newer than the shared node_modules (a symbolic link): not reinstalling it; run npm ci where it points"; fi
    return 0
  fi
  if [ ! -d "$nm" ] || [ "$lock" -nt "$nm/.package-lock.json" ]; then (cd "$STACK_REPO_ROOT" && npm ci --no-audit --no-fund); fi
}

# port_open <port>: something accepts TCP connections on 127.0.0.1:<port>.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

load_component() {
  local f="$STACK_REPO_ROOT/scripts/stack/components/$1.sh"
  [ -f "$f" ] || stack_die "unknown stack component '$1' (known: $STACK_ALL_COMPONENTS $STACK_OPTIONAL_COMPONENTS)"
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

# component_call <component> <action>: runs <component>_<action> (see the top of this file).
component_call() { "${1//-/_}_$2"; }

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
