#!/usr/bin/env bash
# InfluxDB 1.8.3 (OSS) on 127.0.0.1:8086, built once from the Go module proxy
# (`go install github.com/influxdata/influxdb/cmd/influxd@v1.8.3`, pure Go, CGO off) into
# $STACK_DIR/influx/bin. The writer uses its v2-compatible API: /api/v2/write with bucket
# `database/retention-policy`, /api/v2/query (Flux, enabled in the config) and /ping; InfluxQL on
# /query. A point with the same measurement, tag set and time overwrites the old one (idempotent upsert).
INFLUX_VERSION=1.8.3
INFLUX_PORT=8086
INFLUX_HOME="$STACK_DIR/influx"
INFLUX_BIN="$INFLUX_HOME/bin/influxd"
INFLUX_CONF="$INFLUX_HOME/conf/influxdb.conf"
# The database and retention policy created at start: those of INFLUX_BUCKET (`db/rp`), else the
# writer's default bucket `sluice/autogen`.
INFLUX_STACK_BUCKET="${INFLUX_BUCKET:-sluice/autogen}"

# influx_built: the cached binary exists and is the pinned version.
influx_built() { [ -x "$INFLUX_BIN" ] && "$INFLUX_BIN" version 2>/dev/null | grep -q "v$INFLUX_VERSION "; }

# influx_require_go: `go` on PATH, else the usual /usr/local/go, else Debian's golang-go (apt-get).
influx_require_go() {
  command -v go >/dev/null 2>&1 && return 0
  if [ -x /usr/local/go/bin/go ]; then PATH="/usr/local/go/bin:$PATH"; return 0; fi
  stack_log "installing Go from Debian (apt-get golang-go) to build influxd"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q golang-go >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q golang-go >/dev/null || stack_die "Go is not installed and apt-get could not install golang-go (install Go 1.22+)"
  fi
}

influx_install() {
  influx_built && return 0
  influx_require_go
  stack_log "building influxd $INFLUX_VERSION from the Go module proxy (once: ~5 min with an empty Go module cache, seconds with a warm one)"
  mkdir -p "$INFLUX_HOME/bin"
  # CGO off: a static binary that needs no C compiler. GOTOOLCHAIN=local: the module asks for go 1.12,
  # so the installed Go builds it; never fetch another toolchain. GOFLAGS cleared of a workspace's flags.
  GOBIN="$INFLUX_HOME/bin" CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOWORK=off \
    go install -ldflags "-X main.version=$INFLUX_VERSION -X main.branch=$INFLUX_VERSION -X main.commit=v$INFLUX_VERSION" \
    "github.com/influxdata/influxdb/cmd/influxd@v$INFLUX_VERSION" \
    || stack_die "go install of influxd $INFLUX_VERSION failed (see the output above)"
  influx_built || stack_die "influxd was built but '$INFLUX_BIN version' does not report v$INFLUX_VERSION"
}

influx_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" influx >/dev/null 2>&1; }

# influx_free_port <from>: the first port from <from> on that nothing listens on (127.0.0.1).
influx_free_port() {
  local p=$1
  while port_open "$p"; do p=$((p + 1)); done
  echo "$p"
}

# influx_render_conf <home> <HTTP port> <RPC port> <auth-enabled: true|false> [<certificate> <key>]:
# the configuration file <home>/conf/influxdb.conf: loopback only, no usage reporting, no _internal
# monitor database, Flux on, no per-request access log; meta, data and WAL under <home>; HTTPS with
# the PEM certificate and key when given (components/influx-auth.sh).
influx_render_conf() {
  local home=$1 port=$2 rpc_port=$3 auth=$4 cert=${5:-} key=${6:-} tls=""
  [ -z "$cert" ] || tls=$(printf '\n  https-enabled = true\n  https-certificate = "%s"\n  https-private-key = "%s"' "$cert" "$key")
  mkdir -p "$home/conf" "$home/meta" "$home/data" "$home/wal"
  cat > "$home/conf/influxdb.conf" <<EOF
# Written by the stack scripts (scripts/stack/components/) at each start; edits are lost.
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"

[meta]
  dir = "$home/meta"
  logging-enabled = false

[data]
  dir = "$home/data"
  wal-dir = "$home/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  bind-address = "127.0.0.1:$port"
  auth-enabled = $auth
  log-enabled = false
  flux-enabled = true
  pprof-enabled = false$tls

[logging]
  suppress-logo = true
EOF
}

# influx_write_config: the plain server's configuration (no authentication, RPC on the first free port from 8088).
influx_write_config() { influx_render_conf "$INFLUX_HOME" "$INFLUX_PORT" "$(influx_free_port 8088)" false; }

# influx_query <InfluxQL>: run one statement on /query; fails on an HTTP or statement error.
influx_query() {
  node -e "
    fetch('http://127.0.0.1:$INFLUX_PORT/query', { method: 'POST', body: new URLSearchParams({ q: process.argv[1] }) })
      .then(async (r) => { const t = await r.text(); if (!r.ok || /\"error\"/.test(t)) { console.error(t); process.exit(1); } })
      .catch((e) => { console.error(e.message); process.exit(1); })" "$1"
}

# influx_create_bucket: the database and retention policy of $INFLUX_STACK_BUCKET (idempotent:
# CREATE DATABASE ... WITH the same attributes succeeds when they exist). A bucket without `/rp`
# uses the database's default policy, autogen.
influx_create_bucket() {
  local db=${INFLUX_STACK_BUCKET%%/*} rp=autogen
  case "$INFLUX_STACK_BUCKET" in */?*) rp=${INFLUX_STACK_BUCKET#*/} ;; esac
  influx_query "CREATE DATABASE \"$db\" WITH DURATION INF REPLICATION 1 NAME \"$rp\"" \
    || influx_query "CREATE RETENTION POLICY \"$rp\" ON \"$db\" DURATION INF REPLICATION 1" \
    || stack_die "could not create database '$db' with retention policy '$rp' in InfluxDB"
  stack_log "InfluxDB database '$db', retention policy '$rp' (bucket $db/$rp) ready"
}

# A server an older checkout started under the same name (QuestDB on :9000) is not influxd: stop it.
influx_stop_foreign() {
  is_running influx || return 0
  local pid
  pid=$(pidfile_pid influx)
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q influxd; then
    stack_log "the server recorded as influx (pid $pid) is not influxd (the retired QuestDB?): stopping it"
    stop_pid influx 30
  fi
}

influx_start() {
  influx_install
  influx_stop_foreign
  if ! influx_ready; then
    if is_running influx; then stack_die "influxd is running but does not answer (log: $STACK_LOG_DIR/influx.log)"; fi
    port_open "$INFLUX_PORT" && stack_die "something that is not InfluxDB listens on 127.0.0.1:$INFLUX_PORT"
    influx_write_config
    start_bg influx "$INFLUX_BIN" -config "$INFLUX_CONF"
    if ! wait_for_server influx 90 "InfluxDB /ping on 127.0.0.1:$INFLUX_PORT" influx_ready; then
      tail -n 30 "$STACK_LOG_DIR/influx.log" >&2 || true
      stack_die "InfluxDB did not become ready (log: $STACK_LOG_DIR/influx.log)"
    fi
  else
    is_running influx || stack_log "an InfluxDB server already answers on :$INFLUX_PORT; using it"
  fi
  influx_create_bucket
  stack_log "InfluxDB $INFLUX_VERSION ready on 127.0.0.1:$INFLUX_PORT"
}

influx_stop() { stop_pid influx 30; }

influx_status() {
  if influx_ready; then echo "influx    ready  127.0.0.1:$INFLUX_PORT (InfluxDB $INFLUX_VERSION)"; else echo "influx    down   127.0.0.1:$INFLUX_PORT"; return 1; fi
}
