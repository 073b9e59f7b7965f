#!/usr/bin/env bash
# npm run demo: install what is missing, build, start the native stack and every service, feed
# the Brown Corpus and the two waves, print a read-back from the stores and how to type lines.
# Runs until Ctrl-C (or SIGHUP, SIGTERM, a closed output pipe), then stops what it started.
set -euo pipefail
source "$(dirname "$0")/services/lib.sh"
cd "$STACK_REPO_ROOT"

install_dependencies
node scripts/build.js

# Servers and services the demo started (and only those) are stopped when it ends; what was
# already running (a shared stack, a service started with `npm run up`) is left alone.
running_components() { local c; for c in $(selected_components); do is_running "$c" && printf '%s ' "$c"; done; true; }
before_components=" $(running_components)"
# started_components: the servers running now that were not before the demo (pid files are written
# as a server is launched, so this also holds a server whose start a signal interrupted).
started_components() { local c; for c in $(running_components); do [[ "$before_components" == *" $c "* ]] || printf '%s ' "$c"; done; true; }
sleeper=""
# cleanup <exit code>: runs once, whatever ends the demo (Ctrl-C, SIGHUP when the terminal closes,
# SIGTERM, a closed output pipe, a failure); a second signal or a broken pipe cannot cut it short.
cleanup() {
  trap '' PIPE INT HUP TERM # ignored (inherited by the commands below), see stop_started
  trap - EXIT
  set +e
  [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null
  stack_log "stopping what the demo started (further Ctrl-C are ignored until it is done)"
  stop_started
  local servers; servers=$(started_components)
  [ -z "${servers// }" ] || bash scripts/stack/down.sh $servers
  exit "$1"
}
GUARD_TRAP='cleanup 130'
trap "$GUARD_TRAP" INT HUP TERM PIPE
trap 'cleanup $?' EXIT

bash scripts/stack/up.sh
for s in $SERVICES; do
  name=${s%%:*}
  [ "$name" = producer ] && continue
  service_built "$name" || continue
  launch_service "$name" || true
done
for name in $STARTED_SERVICES; do await_service "$name"; done

stack_log "feeding 20,000 sentences of the Brown Corpus"
node dist/apps/producer/main.js text --source brown --lines 20000 --rate 0 >/dev/null
# The course's other inputs, when the real data sits beside the project (../shared/data): a log
# file for log-errors, and the GH Archive hours through the files source (landing → bronze) for
# gharchive. A second demo finds them in the checkpoints and sends nothing twice.
DATA="${SLUICE_DATA_DIR:-../shared/data}"
if [ -f "$DATA/loghub/Hadoop_2k.log" ]; then
  stack_log "feeding $DATA/loghub/Hadoop_2k.log to app-logs (log-errors)"
  # --resume continues after a former demo's checkpoint (nothing is sent twice); a first demo has
  # none, and the producer refuses --resume then, so the file is sent from its start.
  if ! resume_err=$(node dist/apps/producer/main.js logs --file "$DATA/loghub/Hadoop_2k.log" --resume 2>&1 >/dev/null); then
    if [[ "$resume_err" == *"no checkpoint for"* ]]; then
      node dist/apps/producer/main.js logs --file "$DATA/loghub/Hadoop_2k.log" >/dev/null 2>&1 || stack_log "feeding the log failed (see: node dist/apps/producer/main.js logs --file $DATA/loghub/Hadoop_2k.log)"
    else
      stack_log "the log was not fed again: ${resume_err##*producer: }"
    fi
  fi
fi
if [ -d "$DATA/gharchive" ]; then
  stack_log "ingesting the GH Archive hours of $DATA/gharchive (producer files: .stack/demo/landing → gharchive-events)"
  mkdir -p .stack/demo/landing
  cp -p "$DATA"/gharchive/*.json .stack/demo/landing/
  node dist/apps/producer/main.js files --landing .stack/demo/landing --archive .stack/demo/archive --glob '*.json' --key-field id --once >/dev/null || true
fi
if launch_service producer PRODUCER_SOURCES=sine,triangle; then await_service producer; fi
stack_log "waiting for the totals to reach Redis"
wait_until 60 "word counts in Redis" bash -c '[ "$(redis-cli -h 127.0.0.1 -p 6379 dbsize)" -ge 1000 ]' || true
sleep 3 # let the last micro-batches land before the read-back; the demo is for people, not a test
npx tsx scripts/demo/read-back.ts 10

cat <<'TXT'

Sluice is running: processor, writers, the web console and the producer (sine and triangle waves every second).
Type lines into the real Kafka console producer in another terminal:

  npm run console-producer -- --topic text-lines

then watch them counted:

  redis-cli HGETALL words:<word>
  npm run console-consumer -- --topic word-counts --property print.key=true

The GH Archive day (when ../shared/data was there): redis-cli HGETALL gharchive:types:2021-07-21,
redis-cli ZREVRANGE gharchive:top-repos:2021-07-21 0 9 WITHSCORES, and the bronze table
mykeyspace.gharchive_events (partition key event_date, event_hour) in Cassandra.

Web console (services, micro-batches, lag, state, dead letters, waves): http://127.0.0.1:3000/
Health and metrics: http://127.0.0.1:3101/health, http://127.0.0.1:3101/metrics (processor; writers 3102-3105).
Logs: .stack/logs/. Press Ctrl-C to stop everything the demo started.
TXT
while true; do sleep 3600 & sleeper=$!; wait "$sleeper"; done
