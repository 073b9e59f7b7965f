#!/usr/bin/env bash
# A MongoDB wire-protocol server on 127.0.0.1:27017: mongo-java-server (speaking as MongoDB 5.0)
# behind our small main in tools/mongo-java-server, jars from Maven Central.
# MONGO_STORAGE=h2 (default): the H2 backend keeps every collection in one MVStore file,
#   $STACK_DIR/mongo/h2/sluice.mv.db, which survives restarts; a kill -9 loses at most the last
#   MONGO_COMMIT_DELAY_MS (default 1000) of writes, a clean stop nothing.
# MONGO_STORAGE=memory: the in-memory backend (data lost when the server stops).
# FerretDB 1.24 with SQLite (tools/ferretdb, `MONGO_SERVER=ferretdb`) also runs, but its
# conditional upserts take seconds per hundred documents, far too slow for the writer.
MONGO_HOME="$STACK_DIR/mongo"
MONGO_SERVER="${MONGO_SERVER:-mongo-java-server}"
MONGO_STORAGE="${MONGO_STORAGE:-h2}"
MONGO_COMMIT_DELAY_MS="${MONGO_COMMIT_DELAY_MS:-1000}"
MJS_SRC="$STACK_REPO_ROOT/tools/mongo-java-server"
FERRET_SRC="$STACK_REPO_ROOT/tools/ferretdb"

mongo_install() {
  if [ "$MONGO_SERVER" = ferretdb ]; then
    local bin="$MONGO_HOME/ferretdb"
    if [ -x "$bin" ] && [ "$bin" -nt "$FERRET_SRC/main.go" ] && [ "$bin" -nt "$FERRET_SRC/go.mod" ]; then return 0; fi
    require_cmd go "Install Go 1.22+ (Debian: apt-get install -y golang)."
    stack_log "building FerretDB from the Go module proxy (once, about a minute)"
    mkdir -p "$MONGO_HOME"
    (cd "$FERRET_SRC" && GOFLAGS=-mod=mod go build -o "$bin" .) || stack_die "could not build FerretDB (tools/ferretdb)"
    return 0
  fi
  local marker="$MONGO_HOME/classes/.installed"
  # The build is keyed by the content of its sources (a fresh clone's mtimes say nothing).
  local key
  key=$(cat "$MJS_SRC/pom.xml" "$MJS_SRC/src/main/java/dev/sluice/stack/MongoStackServer.java" | sha256sum | cut -c1-16)
  if [ "$(cat "$marker" 2>/dev/null || true)" = "$key" ]; then return 0; fi
  require_java
  require_maven
  require_cmd javac "Install a Java 17+ JDK (Debian: apt-get install -y openjdk-17-jdk-headless)."
  stack_log "downloading mongo-java-server from Maven Central (once)"
  rm -rf "$MONGO_HOME/libs" "$MONGO_HOME/classes" && mkdir -p "$MONGO_HOME/libs" "$MONGO_HOME/classes"
  mvn -q -B -Dstyle.color=never -f "$MJS_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$MONGO_HOME/libs" -DincludeScope=runtime \
    || stack_die "Maven could not fetch mongo-java-server (see the output above)"
  javac --release 17 -cp "$MONGO_HOME/libs/*" -d "$MONGO_HOME/classes" "$MJS_SRC/src/main/java/dev/sluice/stack/MongoStackServer.java" \
    || stack_die "could not compile tools/mongo-java-server"
  echo "$key" > "$marker"
}

mongo_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" mongo >/dev/null 2>&1; }

mongo_start() {
  mongo_install
  [ -d "$STACK_REPO_ROOT/node_modules/mongodb" ] || stack_die "run npm ci first: the readiness probe uses the mongodb driver"
  if mongo_ready; then is_running mongo || stack_log "a MongoDB-wire server already answers on :27017; using it"; return 0; fi
  if [ "$MONGO_SERVER" = ferretdb ]; then
    mkdir -p "$MONGO_HOME/data"
    start_bg mongo "$MONGO_HOME/ferretdb" --listen-addr 127.0.0.1:27017 --data-dir "$MONGO_HOME/data"
  else
    local storage
    case "$MONGO_STORAGE" in
      h2) mkdir -p "$MONGO_HOME/h2"; storage="$MONGO_HOME/h2/sluice.mv.db" ;;
      memory) storage=memory ;;
      *) stack_die "MONGO_STORAGE must be h2 or memory, got '$MONGO_STORAGE'" ;;
    esac
    [[ "$MONGO_COMMIT_DELAY_MS" =~ ^[0-9]+$ ]] || stack_die "MONGO_COMMIT_DELAY_MS must be a whole number of ms, got '$MONGO_COMMIT_DELAY_MS'"
    start_bg mongo java -Xms256m -Xmx1g -cp "$MONGO_HOME/classes:$MONGO_HOME/libs/*" dev.sluice.stack.MongoStackServer 127.0.0.1 27017 "$storage" "$MONGO_COMMIT_DELAY_MS"
  fi
  if ! wait_for_server mongo 60 "$MONGO_SERVER on 127.0.0.1:27017" mongo_ready; then
    tail -n 30 "$STACK_LOG_DIR/mongo.log" >&2 || true
    stack_die "$MONGO_SERVER did not become ready (log: $STACK_LOG_DIR/mongo.log)"
  fi
  stack_log "$MONGO_SERVER (MongoDB wire protocol) ready on 127.0.0.1:27017"
}

mongo_stop() { stop_pid mongo 20; }

mongo_status() {
  if mongo_ready; then echo "mongo     ready  127.0.0.1:27017 ($MONGO_SERVER, storage $MONGO_STORAGE)"; else echo "mongo     down   127.0.0.1:27017"; return 1; fi
}
