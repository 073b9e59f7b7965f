#!/usr/bin/env bash
# The InfluxDB v2 write API on 127.0.0.1:9000, served by QuestDB (org.questdb:questdb from Maven
# Central). Tables are created with DEDUP UPSERT KEYS(timestamp, series) so a rewritten point
# replaces the old one, as InfluxDB does for the same measurement, tags and time.
INFLUX_HOME="$STACK_DIR/influx"
INFLUX_LIBS="$INFLUX_HOME/libs"
INFLUX_SRC="$STACK_REPO_ROOT/scripts/stack/questdb"

influx_install() {
  local marker="$INFLUX_LIBS/.installed"
  if [ -f "$marker" ] && [ "$marker" -nt "$INFLUX_SRC/pom.xml" ]; then return 0; fi
  require_java
  require_maven
  stack_log "downloading QuestDB from Maven Central (once)"
  rm -rf "$INFLUX_LIBS" && mkdir -p "$INFLUX_LIBS"
  mvn -q -B -Dstyle.color=never -f "$INFLUX_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$INFLUX_LIBS" \
    || stack_die "Maven could not fetch QuestDB (see the output above)"
  touch "$marker"
}

influx_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" influx >/dev/null 2>&1; }

# influx_sql <statement>: run one statement through QuestDB's /exec endpoint.
influx_sql() {
  node -e "fetch('http://127.0.0.1:9000/exec?query='+encodeURIComponent(process.argv[1])).then(async r=>{const t=await r.text(); if(!r.ok){console.error(t);process.exit(1)}})" "$1"
}

influx_start() {
  influx_install
  if ! influx_ready; then
    if is_running influx; then stack_die "QuestDB is running but does not answer (log: $STACK_LOG_DIR/influx.log)"; fi
    mkdir -p "$INFLUX_HOME/root/conf"
    cp "$INFLUX_SRC/server.conf" "$INFLUX_HOME/root/conf/server.conf"
    start_bg influx java -Xms256m -Xmx768m -cp "$INFLUX_LIBS/*" io.questdb.ServerMain -d "$INFLUX_HOME/root"
    if ! wait_for_server influx 90 "QuestDB HTTP on 127.0.0.1:9000" influx_ready; then
      tail -n 30 "$STACK_LOG_DIR/influx.log" >&2 || true
      stack_die "QuestDB did not become ready (log: $STACK_LOG_DIR/influx.log)"
    fi
  else
    is_running influx || stack_log "an InfluxDB-API server already answers on :9000; using it"
  fi
  local stmt
  while IFS= read -r stmt; do [ -n "$stmt" ] && influx_sql "$stmt"; done < "$INFLUX_SRC/tables.sql"
  stack_log "QuestDB (InfluxDB v2 write API) ready on 127.0.0.1:9000"
}

influx_stop() { stop_pid influx 30; }

influx_status() {
  if influx_ready; then echo "influx    ready  127.0.0.1:9000 (QuestDB)"; else echo "influx    down   127.0.0.1:9000"; return 1; fi
}
