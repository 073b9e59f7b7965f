#!/usr/bin/env bash
# Apache Cassandra 5.0 (cassandra-all from Maven Central, its own classpath) on 127.0.0.1:9042.
CASSANDRA_HOME="$STACK_DIR/cassandra"
CASSANDRA_LIBS="$CASSANDRA_HOME/libs"
CASSANDRA_SRC="$STACK_REPO_ROOT/scripts/stack/cassandra"

cassandra_install() {
  jars_installed "$CASSANDRA_LIBS" "$CASSANDRA_SRC/pom.xml" && return 0
  require_java
  require_maven
  stack_log "downloading Cassandra jars from Maven Central (once)"
  rm -rf "$CASSANDRA_LIBS" && mkdir -p "$CASSANDRA_LIBS"
  mvn -q -B -Dstyle.color=never -f "$CASSANDRA_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$CASSANDRA_LIBS" -DincludeScope=runtime \
    || stack_die "Maven could not fetch the Cassandra jars (see the output above)"
  mark_jars_installed "$CASSANDRA_LIBS" "$CASSANDRA_SRC/pom.xml"
}

# cassandra_render_conf <home> <cluster name> <storage port> <CQL port> <output file>: cassandra.yaml
# from the template, for the plain node and the authenticated one (components/cassandra-auth.sh).
cassandra_render_conf() {
  sed -e "s#@HOME@#$1#g" -e "s#@CLUSTER_NAME@#$2#g" -e "s#@STORAGE_PORT@#$3#g" -e "s#@CQL_PORT@#$4#g" \
    "$CASSANDRA_SRC/cassandra.yaml.template" > "$5"
}

# cassandra_jvm_options: the JVM options of jvm17.options, one per line (comments and blank lines dropped).
cassandra_jvm_options() { grep -vE '^\s*(#|$)' "$CASSANDRA_SRC/jvm17.options"; }

cassandra_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" cassandra >/dev/null 2>&1; }

cassandra_start() {
  cassandra_install
  [ -d "$STACK_REPO_ROOT/node_modules/cassandra-driver" ] || stack_die "run npm ci first: the readiness probe uses cassandra-driver"
  if cassandra_ready; then is_running cassandra || stack_log "a Cassandra node already answers on :9042; using it"; return 0; fi
  if is_running cassandra; then
    wait_until 180 "Cassandra CQL on 127.0.0.1:9042" cassandra_ready && return 0
    stack_die "Cassandra is running but does not answer CQL (log: $STACK_LOG_DIR/cassandra.log)"
  fi
  mkdir -p "$CASSANDRA_HOME"/{data,commitlog,hints,saved_caches,cdc_raw,conf}
  cassandra_render_conf "$CASSANDRA_HOME" sluice 7000 9042 "$CASSANDRA_HOME/conf/cassandra.yaml"
  local jamm opts
  jamm=$(ls "$CASSANDRA_LIBS"/jamm-0.4.0.jar 2>/dev/null) || stack_die "jamm-0.4.0.jar missing from $CASSANDRA_LIBS"
  mapfile -t opts < <(cassandra_jvm_options)
  start_bg cassandra java "${opts[@]}" -javaagent:"$jamm" \
    -Dcassandra.config="file://$CASSANDRA_HOME/conf/cassandra.yaml" \
    -Dcassandra.storagedir="$CASSANDRA_HOME" -Dcassandra.logdir="$STACK_LOG_DIR" \
    -Dlogback.configurationFile="$CASSANDRA_SRC/logback.xml" \
    -cp "$CASSANDRA_LIBS/*" org.apache.cassandra.service.CassandraDaemon
  if ! wait_for_server cassandra 180 "Cassandra CQL on 127.0.0.1:9042" cassandra_ready; then
    tail -n 40 "$STACK_LOG_DIR/cassandra.log" >&2 || true
    stack_die "Cassandra did not become ready (log: $STACK_LOG_DIR/cassandra.log)"
  fi
  stack_log "Cassandra ready on 127.0.0.1:9042"
}

cassandra_stop() { stop_pid cassandra 60; }

cassandra_status() {
  if cassandra_ready; then echo "cassandra ready  127.0.0.1:9042"; else echo "cassandra down   127.0.0.1:9042"; return 1; fi
}
