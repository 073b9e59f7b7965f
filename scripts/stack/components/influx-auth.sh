#!/usr/bin/env bash
# A second InfluxDB 1.8.3 with authentication on and HTTPS, for the tests and for trying the influx
# writer's authenticated path: https://127.0.0.1:8096 (RPC on 127.0.0.1:8098), the plain server's
# binary ($STACK_DIR/influx/bin/influxd, components/influx.sh), its own data, configuration and
# secrets in $STACK_DIR/influx-auth. Optional: `npm run stack:up` does not start it,
# `npm run stack:up -- influx-auth` does.
#
# scripts/stack/influx/auth-setup.js creates the admin user `admin` and the user `sluice` (ALL on the
# database of INFLUX_BUCKET at start, default `sluice`, retention policy `autogen`), each with a
# random password. The writer authenticates with INFLUX_TOKEN=sluice:<password>
# (InfluxDB 1.8's v2 API takes `user:password` as the token) and trusts INFLUX_SSL_CA=.../ca.pem.
#
# $STACK_DIR/influx-auth/auth (mode 700, files 600): admin.password, sluice.password, key.pem and
# cert.pem (self-signed, openssl, SAN IP:127.0.0.1 and DNS:localhost) and ca.pem (= cert.pem, for clients).
# Development and test server: nothing in it is meant to survive (`rm -rf $STACK_DIR/influx-auth`
# while it is stopped starts it over, with new passwords).
load_component influx
INFLUX_AUTH_HOME="$STACK_DIR/influx-auth"
INFLUX_AUTH_DIR="$INFLUX_AUTH_HOME/auth"
INFLUX_AUTH_PORT=8096
INFLUX_AUTH_RPC_PORT=8098

influx_auth_install() { influx_install; }

# influx_auth_files: the passwords and the server's certificate. Once.
influx_auth_files() {
  ensure_secret_files "$INFLUX_AUTH_DIR" admin.password sluice.password
  if [ ! -s "$INFLUX_AUTH_DIR/key.pem" ] || [ ! -s "$INFLUX_AUTH_DIR/cert.pem" ]; then
    require_cmd openssl "Install OpenSSL (Debian: apt-get install -y openssl)."
    (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$INFLUX_AUTH_DIR/key.pem" -out "$INFLUX_AUTH_DIR/cert.pem" >/dev/null 2>&1) \
      || stack_die "openssl could not make the InfluxDB certificate"
  fi
  cp "$INFLUX_AUTH_DIR/cert.pem" "$INFLUX_AUTH_DIR/ca.pem"
}

# influx_auth_setup: one attempt at the users (see auth-setup.js); its reason on stderr when it fails.
influx_auth_setup() {
  local db=${INFLUX_STACK_BUCKET%%/*} rp=autogen
  case "$INFLUX_STACK_BUCKET" in */?*) rp=${INFLUX_STACK_BUCKET#*/} ;; esac
  node "$STACK_REPO_ROOT/scripts/stack/influx/auth-setup.js" "$INFLUX_AUTH_DIR" "$INFLUX_AUTH_PORT" "$db" "$rp"
}

# influx_auth_ready: HTTPS answers and `sluice` logs in.
influx_auth_ready() { node "$STACK_REPO_ROOT/scripts/stack/probe.js" influx-auth "$INFLUX_AUTH_DIR" >/dev/null 2>&1; }

# influx_auth_answers: something answers /ping over HTTPS with this server's certificate (before the users exist).
influx_auth_answers() {
  node -e "
    require('node:https').get({ host: '127.0.0.1', port: $INFLUX_AUTH_PORT, path: '/ping', ca: require('node:fs').readFileSync(process.argv[1]) },
      (r) => process.exit(r.statusCode === 204 ? 0 : 1)).on('error', () => process.exit(1))" "$INFLUX_AUTH_DIR/ca.pem"
}

influx_auth_start() {
  influx_auth_install
  influx_auth_files
  if ! is_running influx-auth; then
    local p
    for p in "$INFLUX_AUTH_PORT" "$INFLUX_AUTH_RPC_PORT"; do
      port_open "$p" && stack_die "port $p is taken: the authenticated InfluxDB needs 127.0.0.1:$INFLUX_AUTH_PORT and :$INFLUX_AUTH_RPC_PORT"
    done
    influx_render_conf "$INFLUX_AUTH_HOME" "$INFLUX_AUTH_PORT" "$INFLUX_AUTH_RPC_PORT" true "$INFLUX_AUTH_DIR/cert.pem" "$INFLUX_AUTH_DIR/key.pem"
    start_bg influx-auth "$INFLUX_BIN" -config "$INFLUX_AUTH_HOME/conf/influxdb.conf"
  fi
  if ! wait_for_server influx-auth 90 "InfluxDB /ping on https://127.0.0.1:$INFLUX_AUTH_PORT" influx_auth_answers \
    || ! wait_for_server influx-auth 30 "the authenticated InfluxDB's users" influx_auth_setup; then
    influx_auth_setup || true
    tail -n 30 "$STACK_LOG_DIR/influx-auth.log" >&2 || true
    stack_die "the authenticated InfluxDB did not become ready (log: $STACK_LOG_DIR/influx-auth.log)"
  fi
  stack_log "authenticated InfluxDB $INFLUX_VERSION ready on https://127.0.0.1:$INFLUX_AUTH_PORT (CA $INFLUX_AUTH_DIR/ca.pem; user sluice, password in $INFLUX_AUTH_DIR/sluice.password)"
}

influx_auth_stop() { stop_pid influx-auth 30; }

influx_auth_status() {
  if influx_auth_ready; then echo "influx-auth ready  https://127.0.0.1:$INFLUX_AUTH_PORT (user sluice)"; else echo "influx-auth down   https://127.0.0.1:$INFLUX_AUTH_PORT (optional: npm run stack:up -- influx-auth)"; return 1; fi
}
