#!/usr/bin/env bash
# Starts the Playground demo (start.sh), checks it headless with Chromium (smoke.ts), stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
bash scripts/playground/start.sh > "${PLAYGROUND_LOG:-/tmp/playground.log}" 2>&1 &
start_pid=$!
trap 'kill "$start_pid" 2>/dev/null || true; wait "$start_pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 300); do
  if curl -fs "http://localhost:$PLAYGROUND_PORT/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$start_pid" 2>/dev/null; then echo "The Playground did not start; see ${PLAYGROUND_LOG:-/tmp/playground.log}." >&2; exit 1; fi
  sleep 0.3
done
PLAYGROUND_URL="http://localhost:$PLAYGROUND_PORT" npx tsx scripts/playground/smoke.ts
