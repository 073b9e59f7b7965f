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
  # Each step is keyed by the content of what it is built from (a fresh clone's mtimes say nothing):
  # the jars by the pom, the classes by the pom and every .java file under tools/mongo-java-server.
  local libs_marker="$MONGO_HOME/libs/.installed" classes_marker="$MONGO_HOME/classes/.installed"
  local libs_key classes_key
  libs_key=$(sha256sum < "$MJS_SRC/pom.xml" | cut -c1-16)
  classes_key=$(mongo_sources_key)
  if [ "$(cat "$libs_marker" 2>/dev/null || true)" = "$libs_key" ] && [ "$(cat "$classes_marker" 2>/dev/null || true)" = "$classes_key" ]; then return 0; fi
  require_java
  require_cmd javac "Install a Java 17+ JDK (Debian: apt-get install -y openjdk-17-jdk-headless)."
  if [ "$(cat "$libs_marker" 2>/dev/null || true)" != "$libs_key" ]; then
    require_maven
    stack_log "downloading mongo-java-server from Maven Central (once)"
    rm -rf "$MONGO_HOME/libs" && mkdir -p "$MONGO_HOME/libs"
    mvn -q -B -Dstyle.color=never -f "$MJS_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$MONGO_HOME/libs" -DincludeScope=runtime \
      || stack_die "Maven could not fetch mongo-java-server (see the output above)"
    echo "$libs_key" > "$libs_marker"
  fi
  local sources=()
  mapfile -t sources < <(find "$MJS_SRC" -name '*.java' -type f | LC_ALL=C sort)
  [ "${#sources[@]}" -gt 0 ] || stack_die "no .java file under $MJS_SRC"
  stack_log "compiling tools/mongo-java-server (${#sources[@]} files)"
  rm -rf "$MONGO_HOME/classes" && mkdir -p "$MONGO_HOME/classes"
  javac --release 17 -cp "$MONGO_HOME/libs/*" -d "$MONGO_HOME/classes" "${sources[@]}" \
    || stack_die "could not compile tools/mongo-java-server"
  echo "$classes_key" > "$classes_marker"
}

# mongo_sources_key: a hash of the pom and of every .java file under tools/mongo-java-server (paths
# relative to it, so the key is the same in every clone).
mongo_sources_key() {
  (cd "$MJS_SRC" && { cat pom.xml; find . -name '*.java' -type f | LC_ALL=C sort | xargs -r -d '\n' sha256sum; }) | sha256sum | cut -c1-16
}

# mongo_wait_for_migration: when the server started by mongo_start is still migrating a file of an
# older build (its log since that start says "store format: migrating"; ~20 s per million documents
# and index entries on the 2-core dev machine), waits up to 30 min more for it to answer.
mongo_wait_for_migration() {
  [ -n "${MONGO_LOG_FROM:-}" ] && is_running mongo || return 1
  tail -n +"$MONGO_LOG_FROM" "$STACK_LOG_DIR/mongo.log" | grep -q '^store format: migrating' || return 1
  stack_log "mongo is migrating its store to the current format (log: $STACK_LOG_DIR/mongo.log); waiting up to 30 min"
  wait_for_server mongo 1800 "$MONGO_SERVER on 127.0.0.1:27017 (migrating its store)" mongo_ready
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
    MONGO_LOG_FROM=$(( $( [ -f "$STACK_LOG_DIR/mongo.log" ] && wc -l < "$STACK_LOG_DIR/mongo.log" || echo 0) + 1 ))
    start_bg mongo java -Xms256m -Xmx1g -cp "$MONGO_HOME/classes:$MONGO_HOME/libs/*" dev.sluice.stack.MongoStackServer 127.0.0.1 27017 "$storage" "$MONGO_COMMIT_DELAY_MS"
  fi
  if ! wait_for_server mongo 60 "$MONGO_SERVER on 127.0.0.1:27017" mongo_ready && ! mongo_wait_for_migration; then
    tail -n 30 "$STACK_LOG_DIR/mongo.log" >&2 || true
    stack_die "$MONGO_SERVER did not become ready (log: $STACK_LOG_DIR/mongo.log)"
  fi
  stack_log "$MONGO_SERVER (MongoDB wire protocol) ready on 127.0.0.1:27017"
}

mongo_stop() { stop_pid mongo 20; }

mongo_status() {
  if mongo_ready; then echo "mongo     ready  127.0.0.1:27017 ($MONGO_SERVER, storage $MONGO_STORAGE)"; else echo "mongo     down   127.0.0.1:27017"; return 1; fi
}
