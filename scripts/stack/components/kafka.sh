#!/usr/bin/env bash
# Apache Kafka 3.9 in KRaft mode (one combined broker+controller) on 127.0.0.1:9092 (plaintext),
# 9094 (SASL/SCRAM-SHA-512) and 9095 (SASL/SCRAM-SHA-512 over TLS).
# Jars from Maven Central (scripts/stack/kafka/pom.xml) into $STACK_DIR/kafka/libs.
KAFKA_HOME="$STACK_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_SRC="$STACK_REPO_ROOT/scripts/stack/kafka"
KAFKA_PORT=9092
KAFKA_AUTH_DIR="$KAFKA_HOME/auth"
# The SCRAM user the stack creates; its password is generated once into $KAFKA_AUTH_DIR/sluice.password.
KAFKA_SCRAM_USER=sluice

kafka_classpath() { echo "$KAFKA_LIBS/*"; }

# kafka_java <main class> [args...]: run a Kafka tool with the tools logging config.
kafka_java() {
  java -Dlog4j.configuration="file:$KAFKA_SRC/tools-log4j.properties" -cp "$(kafka_classpath)" "$@"
}

kafka_install() {
  jars_installed "$KAFKA_LIBS" "$KAFKA_SRC/pom.xml" && return 0
  require_java
  require_maven
  stack_log "downloading Kafka jars from Maven Central (once)"
  rm -rf "$KAFKA_LIBS" && mkdir -p "$KAFKA_LIBS"
  mvn -q -B -Dstyle.color=never -f "$KAFKA_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIBS" -DincludeScope=runtime \
    || stack_die "Maven could not fetch the Kafka jars (see the output above)"
  mark_jars_installed "$KAFKA_LIBS" "$KAFKA_SRC/pom.xml"
}

# kafka_ready: a real request (list topics). A closed port answers at once instead of letting the
# admin client wait out its timeout.
kafka_ready() {
  port_open "$KAFKA_PORT" || return 1
  timeout 30 java -Dlog4j.configuration="file:$KAFKA_SRC/tools-log4j.properties" -cp "$(kafka_classpath)" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list >/dev/null 2>&1
}

# kafka_auth_files: the SCRAM password, the keystore password, the broker's self-signed certificate
# (keytool, SAN IP:127.0.0.1 and DNS:localhost) and its PEM for clients (ca.pem, KAFKA_SSL_CA). Once.
kafka_auth_files() {
  ensure_secret_files "$KAFKA_AUTH_DIR" sluice.password keystore.password
  if [ ! -s "$KAFKA_AUTH_DIR/broker.p12" ] || [ ! -s "$KAFKA_AUTH_DIR/ca.pem" ]; then
    require_cmd keytool "Install a Java 17+ JDK (Debian: apt-get install -y openjdk-17-jdk-headless)."
    rm -f "$KAFKA_AUTH_DIR/broker.p12" "$KAFKA_AUTH_DIR/ca.pem"
    keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=localhost" \
      -ext "SAN=IP:127.0.0.1,DNS:localhost" -storetype PKCS12 -keystore "$KAFKA_AUTH_DIR/broker.p12" \
      -storepass "$(cat "$KAFKA_AUTH_DIR/keystore.password")" >/dev/null 2>&1 || stack_die "keytool could not make the broker certificate"
    keytool -exportcert -rfc -alias broker -keystore "$KAFKA_AUTH_DIR/broker.p12" -storepass "$(cat "$KAFKA_AUTH_DIR/keystore.password")" \
      -file "$KAFKA_AUTH_DIR/ca.pem" >/dev/null 2>&1 || stack_die "keytool could not export the broker certificate"
  fi
}

# kafka_scram_user: creates (or resets) the SCRAM-SHA-512 credential of $KAFKA_SCRAM_USER.
kafka_scram_user() {
  kafka_java kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --alter --entity-type users --entity-name "$KAFKA_SCRAM_USER" \
    --add-config "SCRAM-SHA-512=[iterations=4096,password=$(cat "$KAFKA_AUTH_DIR/sluice.password")]" >/dev/null 2>&1
}

kafka_start() {
  kafka_install
  kafka_auth_files
  if is_running kafka && kafka_ready; then return 0; fi
  if ! is_running kafka && port_open "$KAFKA_PORT"; then
    kafka_ready && { stack_log "a Kafka broker already answers on :$KAFKA_PORT; using it"; return 0; }
    stack_die "port $KAFKA_PORT is taken by something that is not a Kafka broker"
  fi
  local conf="$KAFKA_HOME/server.properties" data="$KAFKA_HOME/data"
  mkdir -p "$data"
  sed -e "s#@DATA_DIR@#$data#" -e "s#@AUTH_DIR@#$KAFKA_AUTH_DIR#" -e "s#@KEYSTORE_PASSWORD@#$(cat "$KAFKA_AUTH_DIR/keystore.password")#" \
    "$KAFKA_SRC/server.properties.template" > "$conf"
  chmod 600 "$conf"
  if [ ! -f "$KAFKA_HOME/cluster.id" ]; then
    kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 > "$KAFKA_HOME/cluster.id"
  fi
  kafka_java kafka.tools.StorageTool format -t "$(cat "$KAFKA_HOME/cluster.id")" -c "$conf" --ignore-formatted >/dev/null \
    || stack_die "could not format Kafka storage in $data"
  if ! is_running kafka; then
    # GC pauses go to kafka-gc.log (two files of 20 MB at most): a long pause stalls every group
    # and transaction coordinator of the one broker, which the chaos suite's logs must tell apart.
    start_bg kafka java ${KAFKA_HEAP_OPTS:--Xms512m -Xmx1g} -XX:+UseG1GC -Djava.awt.headless=true \
      "-Xlog:gc:file=$STACK_LOG_DIR/kafka-gc.log:time,uptime:filecount=2,filesize=20m" \
      -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" -Dkafka.logs.dir="$STACK_LOG_DIR" \
      -cp "$(kafka_classpath)" kafka.Kafka "$conf"
  fi
  # Up to 240 s: after an unclean stop the broker waits out its old registration (one
  # broker.session.timeout.ms, see server.properties.template) before it serves.
  if ! wait_for_server kafka 240 "Kafka on 127.0.0.1:$KAFKA_PORT" kafka_ready; then
    tail -n 40 "$STACK_LOG_DIR/kafka.log" >&2 || true
    stack_die "Kafka did not become ready (log: $STACK_LOG_DIR/kafka.log)"
  fi
  # Services start right after this: let them find a loaded group and transaction coordinator.
  if ! wait_for_server kafka 120 "Kafka group and transaction coordinators" node "$STACK_REPO_ROOT/scripts/stack/probe.js" kafka-coordinators; then
    tail -n 40 "$STACK_LOG_DIR/kafka.log" >&2 || true
    stack_die "Kafka's group or transaction coordinator did not become available (log: $STACK_LOG_DIR/kafka.log)"
  fi
  wait_until 60 "the SCRAM user $KAFKA_SCRAM_USER" kafka_scram_user || stack_die "could not create the SCRAM user $KAFKA_SCRAM_USER (log: $STACK_LOG_DIR/kafka.log)"
  stack_log "Kafka ready on 127.0.0.1:$KAFKA_PORT (plaintext), :9094 (SASL SCRAM-SHA-512, user $KAFKA_SCRAM_USER), :9095 (SASL over TLS, CA $KAFKA_AUTH_DIR/ca.pem)"
}

kafka_stop() { stop_pid kafka 60; }

kafka_status() {
  if kafka_ready; then echo "kafka     ready  127.0.0.1:$KAFKA_PORT"; else echo "kafka     down   127.0.0.1:$KAFKA_PORT"; return 1; fi
}
