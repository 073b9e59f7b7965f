#!/usr/bin/env bash
# Installs Debian's Chromium when missing: the browser the console's end-to-end test drives through
# playwright-core (no browser download). SLUICE_CHROMIUM names another binary (then nothing is installed).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ -n "${SLUICE_CHROMIUM:-}" ]; then
  [ -x "$SLUICE_CHROMIUM" ] || stack_die "SLUICE_CHROMIUM=$SLUICE_CHROMIUM is not an executable"
  exit 0
fi
command -v chromium >/dev/null 2>&1 && exit 0
stack_log "installing chromium from Debian (apt-get), for the console's browser test"
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; then
  apt-get update -q >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null || stack_die "apt-get could not install chromium (are you root?)"
fi
