#!/usr/bin/env bash
# A MongoDB wire-protocol server: FerretDB v1.24 with its SQLite backend on 127.0.0.1:27017,
# built from the Go module proxy through our small main in tools/ferretdb.
MONGO_HOME="$STACK_DIR/mongo"
MONGO_BIN="$MONGO_HOME/ferretdb"
MONGO_SRC="$STACK_REPO_ROOT/tools/ferretdb"

mongo_install() {
  if [ -x "$MONGO_BIN" ] && [ "$MONGO_BIN" -nt "$MONGO_SRC/main.go" ] && [ "$MONGO_BIN" -nt "$MONGO_SRC/go.mod" ]; then return 0; fi
  require_cmd go "Install Go 1.22+ (Debian: apt-get install -y golang)."
  stack_log "building FerretDB from the Go module proxy (once, about a minute)"
  mkdir -p "$MONGO_HOME"
  (cd "$MONGO_SRC" && GOFLAGS=-mod=mod go build -o "$MONGO_BIN" .) || stack_die "could not build FerretDB (tools/ferretdb)"
}

mongo_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" mongo >/dev/null 2>&1; }

mongo_start() {
  mongo_install
  [ -d "$STACK_REPO_ROOT/node_modules/mongodb" ] || stack_die "run npm ci first: the readiness probe uses the mongodb driver"
  if mongo_ready; then is_running mongo || stack_log "a MongoDB-wire server already answers on :27017; using it"; return 0; fi
  mkdir -p "$MONGO_HOME/data"
  start_bg mongo "$MONGO_BIN" --listen-addr 127.0.0.1:27017 --data-dir "$MONGO_HOME/data"
  if ! wait_for_server mongo 60 "FerretDB on 127.0.0.1:27017" mongo_ready; then
    tail -n 30 "$STACK_LOG_DIR/mongo.log" >&2 || true
    stack_die "FerretDB did not become ready (log: $STACK_LOG_DIR/mongo.log)"
  fi
  stack_log "FerretDB (MongoDB wire protocol) ready on 127.0.0.1:27017"
}

mongo_stop() { stop_pid mongo 20; }

mongo_status() {
  if mongo_ready; then echo "mongo     ready  127.0.0.1:27017 (FerretDB)"; else echo "mongo     down   127.0.0.1:27017"; return 1; fi
}
