#!/usr/bin/env bash
# A MongoDB wire-protocol server on 127.0.0.1:27017: mongo-java-server (in-memory backend,
# speaking as MongoDB 5.0) behind our small main in tools/mongo-java-server, jars from Maven Central.
# FerretDB 1.24 with SQLite (tools/ferretdb, `MONGO_SERVER=ferretdb`) also runs, but its
# conditional upserts take seconds per hundred documents, far too slow for the writer.
MONGO_HOME="$STACK_DIR/mongo"
MONGO_SERVER="${MONGO_SERVER:-mongo-java-server}"
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
  if [ -f "$marker" ] && [ "$marker" -nt "$MJS_SRC/pom.xml" ] && [ "$marker" -nt "$MJS_SRC/src/main/java/dev/sluice/stack/MongoStackServer.java" ]; then return 0; fi
  require_java
  require_maven
  require_cmd javac "Install a Java 17+ JDK (Debian: apt-get install -y openjdk-17-jdk-headless)."
  stack_log "downloading mongo-java-server from Maven Central (once)"
  rm -rf "$MONGO_HOME/libs" "$MONGO_HOME/classes" && mkdir -p "$MONGO_HOME/libs" "$MONGO_HOME/classes"
  mvn -q -B -Dstyle.color=never -f "$MJS_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$MONGO_HOME/libs" -DincludeScope=runtime \
    || stack_die "Maven could not fetch mongo-java-server (see the output above)"
  javac --release 17 -cp "$MONGO_HOME/libs/*" -d "$MONGO_HOME/classes" "$MJS_SRC/src/main/java/dev/sluice/stack/MongoStackServer.java" \
    || stack_die "could not compile tools/mongo-java-server"
  touch "$marker"
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
    start_bg mongo java -Xms256m -Xmx1g -cp "$MONGO_HOME/classes:$MONGO_HOME/libs/*" dev.sluice.stack.MongoStackServer 127.0.0.1 27017
  fi
  if ! wait_for_server mongo 60 "$MONGO_SERVER on 127.0.0.1:27017" mongo_ready; then
    tail -n 30 "$STACK_LOG_DIR/mongo.log" >&2 || true
    stack_die "$MONGO_SERVER did not become ready (log: $STACK_LOG_DIR/mongo.log)"
  fi
  stack_log "$MONGO_SERVER (MongoDB wire protocol) ready on 127.0.0.1:27017"
}

mongo_stop() { stop_pid mongo 20; }

mongo_status() {
  if mongo_ready; then echo "mongo     ready  127.0.0.1:27017 ($MONGO_SERVER)"; else echo "mongo     down   127.0.0.1:27017"; return 1; fi
}
