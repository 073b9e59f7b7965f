#!/usr/bin/env bash
# A second Cassandra 5.0 node with authentication, authorization and client TLS, for the tests and
# for trying the services' authenticated path: CQL on 127.0.0.1:9142 over TLS only, storage
# (gossip) on 127.0.0.1:7100, no JMX, a 512 MiB heap. Beside the plain node (components/cassandra.sh,
# 9042), whose jars it reuses ($STACK_DIR/cassandra/libs); its data, configuration and secrets are in
# $STACK_DIR/cassandra-auth. Optional: `npm run stack:up` does not start it,
# `npm run stack:up -- cassandra-auth` does.
#
# PasswordAuthenticator and CassandraAuthorizer are switched on by system properties
# (-Dcassandra.config.allow_system_properties=true -Dcassandra.settings.authenticator=...), the way
# docker-compose.yml switches them on in the official image (JVM_EXTRA_OPTS), so the native stack
# runs the mechanism compose relies on. scripts/stack/cassandra/auth-setup.js then replaces the
# default superuser `cassandra`/`cassandra` by `admin` (random password, the default one can no
# longer log in) and creates the role `sluice` (LOGIN, random password, CREATE on all keyspaces:
# the writer creates its keyspace and tables and owns what it creates).
#
# $STACK_DIR/cassandra-auth/auth (mode 700, files 600): admin.password, sluice.password,
# keystore.password, node.p12 (self-signed certificate, keytool, SAN IP:127.0.0.1 and DNS:localhost)
# and ca.pem, its certificate for clients (CASSANDRA_SSL_CA).
# Development and test server: nothing in it is meant to survive (`rm -rf $STACK_DIR/cassandra-auth`
# while it is stopped starts it over, with new passwords).
load_component cassandra
CASSANDRA_AUTH_HOME="$STACK_DIR/cassandra-auth"
CASSANDRA_AUTH_DIR="$CASSANDRA_AUTH_HOME/auth"
CASSANDRA_AUTH_CQL_PORT=9142
CASSANDRA_AUTH_STORAGE_PORT=7100
CASSANDRA_AUTH_HEAP=512m

cassandra_auth_install() { cassandra_install; }

# cassandra_auth_files: the passwords, the node's keystore and its certificate's PEM. Once.
cassandra_auth_files() {
  ensure_secret_files "$CASSANDRA_AUTH_DIR" admin.password sluice.password keystore.password
  if [ ! -s "$CASSANDRA_AUTH_DIR/node.p12" ] || [ ! -s "$CASSANDRA_AUTH_DIR/ca.pem" ]; then
    require_cmd keytool "Install a Java 17+ JDK (Debian: apt-get install -y openjdk-17-jdk-headless)."
    rm -f "$CASSANDRA_AUTH_DIR/node.p12" "$CASSANDRA_AUTH_DIR/ca.pem"
    (umask 077
      keytool -genkeypair -alias node -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=localhost" \
        -ext "SAN=IP:127.0.0.1,DNS:localhost" -storetype PKCS12 -keystore "$CASSANDRA_AUTH_DIR/node.p12" \
        -storepass "$(cat "$CASSANDRA_AUTH_DIR/keystore.password")" >/dev/null 2>&1) || stack_die "keytool could not make the Cassandra node certificate"
    keytool -exportcert -rfc -alias node -keystore "$CASSANDRA_AUTH_DIR/node.p12" -storepass "$(cat "$CASSANDRA_AUTH_DIR/keystore.password")" \
      -file "$CASSANDRA_AUTH_DIR/ca.pem" >/dev/null 2>&1 || stack_die "keytool could not export the Cassandra node certificate"
  fi
}

# cassandra_auth_write_conf: the plain node's template on this node's ports and directories, plus
# client TLS (required: no plaintext CQL). Mode 600: it holds the keystore password.
cassandra_auth_write_conf() {
  local conf="$CASSANDRA_AUTH_HOME/conf/cassandra.yaml"
  mkdir -p "$CASSANDRA_AUTH_HOME"/{data,commitlog,hints,saved_caches,cdc_raw,conf,logs}
  (umask 077
    cassandra_render_conf "$CASSANDRA_AUTH_HOME" sluice-auth "$CASSANDRA_AUTH_STORAGE_PORT" "$CASSANDRA_AUTH_CQL_PORT" "$conf"
    cat >> "$conf" <<EOF
# Client TLS (added by scripts/stack/components/cassandra-auth.sh): every CQL connection is encrypted.
client_encryption_options:
  enabled: true
  optional: false
  keystore: $CASSANDRA_AUTH_DIR/node.p12
  keystore_password: $(cat "$CASSANDRA_AUTH_DIR/keystore.password")
  store_type: PKCS12
  require_client_auth: false
EOF
  )
  grep -q "^native_transport_port: $CASSANDRA_AUTH_CQL_PORT$" "$conf" && grep -q "^storage_port: $CASSANDRA_AUTH_STORAGE_PORT$" "$conf" \
    || stack_die "the Cassandra template did not take this node's ports ($conf)"
}

# cassandra_auth_setup: one attempt at the roles (see auth-setup.js); its reason on stderr when it fails.
cassandra_auth_setup() { node "$CASSANDRA_SRC/auth-setup.js" "$CASSANDRA_AUTH_DIR" "$CASSANDRA_AUTH_CQL_PORT"; }

# cassandra_auth_ready: `sluice` logs in over TLS and reads system.local.
cassandra_auth_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" cassandra-auth "$CASSANDRA_AUTH_DIR" >/dev/null 2>&1; }

cassandra_auth_start() {
  cassandra_auth_install
  [ -d "$STACK_REPO_ROOT/node_modules/cassandra-driver" ] || stack_die "run npm ci first: the role setup and the probe use cassandra-driver"
  cassandra_auth_files
  if is_running cassandra-auth; then
    if wait_for_server cassandra-auth 180 "the authenticated Cassandra on 127.0.0.1:$CASSANDRA_AUTH_CQL_PORT" cassandra_auth_setup; then
      stack_log "authenticated Cassandra ready on 127.0.0.1:$CASSANDRA_AUTH_CQL_PORT"
      return 0
    fi
    stack_die "the authenticated Cassandra runs but its roles could not be set up (log: $STACK_LOG_DIR/cassandra-auth.log)"
  fi
  local p
  for p in "$CASSANDRA_AUTH_CQL_PORT" "$CASSANDRA_AUTH_STORAGE_PORT"; do
    port_open "$p" && stack_die "port $p is taken: the authenticated Cassandra needs 127.0.0.1:$CASSANDRA_AUTH_CQL_PORT and :$CASSANDRA_AUTH_STORAGE_PORT"
  done
  cassandra_auth_write_conf
  local jamm opts
  jamm=$(ls "$CASSANDRA_LIBS"/jamm-0.4.0.jar 2>/dev/null) || stack_die "jamm-0.4.0.jar missing from $CASSANDRA_LIBS"
  # The plain node's options without its heap and its JMX port (this node has no JMX).
  mapfile -t opts < <(cassandra_jvm_options | grep -vE '^-Xm[sx]|^-Dcassandra\.jmx\.')
  start_bg cassandra-auth java "${opts[@]}" "-Xms$CASSANDRA_AUTH_HEAP" "-Xmx$CASSANDRA_AUTH_HEAP" -javaagent:"$jamm" \
    -Dcassandra.config="file://$CASSANDRA_AUTH_HOME/conf/cassandra.yaml" \
    -Dcassandra.config.allow_system_properties=true \
    -Dcassandra.settings.authenticator=PasswordAuthenticator \
    -Dcassandra.settings.authorizer=CassandraAuthorizer \
    -Dcassandra.storagedir="$CASSANDRA_AUTH_HOME" -Dcassandra.logdir="$CASSANDRA_AUTH_HOME/logs" \
    -Dlogback.configurationFile="$CASSANDRA_SRC/logback.xml" \
    -cp "$CASSANDRA_LIBS/*" org.apache.cassandra.service.CassandraDaemon
  # Until the node has created its default superuser (superuser_setup_delay_ms, 10 s after it
  # joins), the setup cannot log in: it is retried until then, the deadline covers start and delay.
  if ! wait_for_server cassandra-auth 240 "the authenticated Cassandra's roles on 127.0.0.1:$CASSANDRA_AUTH_CQL_PORT" cassandra_auth_setup; then
    cassandra_auth_setup || true
    tail -n 40 "$STACK_LOG_DIR/cassandra-auth.log" >&2 || true
    stack_die "the authenticated Cassandra did not become ready (log: $STACK_LOG_DIR/cassandra-auth.log)"
  fi
  stack_log "authenticated Cassandra ready on 127.0.0.1:$CASSANDRA_AUTH_CQL_PORT (TLS, CA $CASSANDRA_AUTH_DIR/ca.pem; role sluice, password in $CASSANDRA_AUTH_DIR/sluice.password)"
}

cassandra_auth_stop() { stop_pid cassandra-auth 60; }

cassandra_auth_status() {
  if cassandra_auth_ready; then echo "cassandra-auth ready  127.0.0.1:$CASSANDRA_AUTH_CQL_PORT (TLS, role sluice)"; else echo "cassandra-auth down   127.0.0.1:$CASSANDRA_AUTH_CQL_PORT (optional: npm run stack:up -- cassandra-auth)"; return 1; fi
}
