#!/bin/sh
# Runs one Sluice app from the image: sluice <app> [args...] (e.g. `sluice producer text --source brown`).
set -eu
app="${1:-}"
[ -n "$app" ] || { echo "usage: sluice <producer|processor|redis-writer|cassandra-writer|mongo-writer|influx-writer|console> [args...]" >&2; exit 2; }
shift
main="/app/dist/apps/$app/main.js"
[ -f "$main" ] || { echo "sluice: unknown app '$app' (no $main)" >&2; exit 2; }
exec node "$main" "$@"
