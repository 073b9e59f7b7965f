#!/usr/bin/env bash
# npm run demo: install what is missing, build, start the native stack and every service, feed
# the Brown Corpus and the two waves, print a read-back from the stores and how to type lines.
# Runs until Ctrl-C, then stops what it started.
set -euo pipefail
source "$(dirname "$0")/services/lib.sh"
cd "$STACK_REPO_ROOT"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi
node scripts/build.js

started_components=""
for c in $(selected_components); do
  load_component "$c"
  "${c}_status" >/dev/null 2>&1 || started_components="$started_components $c"
done
started_services=""
cleanup() {
  trap - INT TERM EXIT
  echo
  stack_log "stopping what the demo started"
  for s in $(echo "$started_services" | tr ' ' '\n' | tac); do stop_service "$s"; done
  [ -z "${started_components// }" ] || bash scripts/stack/down.sh $started_components
  exit 0
}
trap cleanup INT TERM EXIT

bash scripts/stack/up.sh
for s in $SERVICES; do
  name=${s%%:*}
  [ "$name" = producer ] && continue
  service_built "$name" || continue
  is_running "svc-$name" || started_services="$started_services $name"
  start_service "$name"
done

stack_log "feeding 20,000 sentences of the Brown Corpus"
node dist/apps/producer/main.js text --source brown --lines 20000 --rate 0 >/dev/null
is_running svc-producer || started_services="$started_services producer"
start_service producer PRODUCER_SOURCES=sine,triangle
stack_log "waiting for the totals to reach Redis"
wait_until 60 "word counts in Redis" bash -c '[ "$(redis-cli -h 127.0.0.1 -p 6379 dbsize)" -ge 1000 ]' || true
sleep 3 # let the last micro-batches land before the read-back; the demo is for people, not a test
npx tsx scripts/demo/read-back.ts 10

cat <<'TXT'

Sluice is running: processor, writers and the producer (sine and triangle waves every second).
Type lines into the real Kafka console producer in another terminal:

  npm run console-producer -- --topic text-lines

then watch them counted:

  redis-cli HGETALL words:<word>
  npm run console-consumer -- --topic word-counts --property print.key=true

Health and metrics: http://127.0.0.1:3101/health, http://127.0.0.1:3101/metrics (processor; writers 3102-3105).
Logs: .stack/logs/. Press Ctrl-C to stop everything the demo started.
TXT
while true; do sleep 3600 & wait $!; done
