#!/usr/bin/env bash
# Redis from Debian's redis-server package on 127.0.0.1:6379, durable: append-only file
# ($STACK_DIR/redis/appendonlydir, fsync every second: a kill -9 or power loss loses at most ~1 s of
# writes, a clean stop nothing), no RDB snapshots.
REDIS_PORT=6379
REDIS_HOME="$STACK_DIR/redis"
# Besides the default user (no password, loopback only, for local development), an ACL user
# `sluice` whose password is generated once into $REDIS_HOME/auth/sluice.password:
# REDIS_URL=redis://sluice:<password>@127.0.0.1:6379 authenticates.
REDIS_ACL_USER=sluice

redis_install() {
  command -v redis-server >/dev/null 2>&1 && return 0
  stack_log "installing redis-server from Debian (apt-get)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null || stack_die "apt-get could not install redis-server (are you root?)"
  fi
}

redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

redis_start() {
  redis_install
  if redis_ready; then
    is_running redis || stack_log "a Redis server already answers on :$REDIS_PORT; using it"
    return 0
  fi
  ensure_secret_files "$REDIS_HOME/auth" sluice.password
  # The ACL rule goes in a config file (mode 600), so the password is not in the command line.
  local acl="$REDIS_HOME/auth/redis-acl.conf"
  (umask 077; printf 'user %s on >%s ~* &* +@all\n' "$REDIS_ACL_USER" "$(cat "$REDIS_HOME/auth/sluice.password")" > "$acl")
  start_bg redis redis-server "$acl" --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_HOME" --save '' --appendonly yes --appendfsync everysec --daemonize no
  wait_until 30 "Redis on 127.0.0.1:$REDIS_PORT" redis_ready || stack_die "Redis did not start (log: $STACK_LOG_DIR/redis.log)"
  stack_log "Redis ready on 127.0.0.1:$REDIS_PORT"
}

redis_stop() { stop_pid redis 20; }

redis_status() {
  if redis_ready; then echo "redis     ready  127.0.0.1:$REDIS_PORT"; else echo "redis     down   127.0.0.1:$REDIS_PORT"; return 1; fi
}
