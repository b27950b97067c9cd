#!/usr/bin/env bash
# Local demo in the Microsoft 365 Agents Playground: the server (demo data, dev identity, no bot
# credentials, which the Playground requires) plus the Playground UI on http://localhost:56150.
# Playground users map to the demo accountant (only because DEV_IDENTITY is on).
# PLAYGROUND_PORT / PORT change the ports; PLAYGROUND_NO_UI=1 starts only the server.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
stub_dir="$(mktemp -d)"
# The Playground exits silently (code 1) when it cannot open a browser: give it an xdg-open that does nothing.
printf '#!/bin/sh\nexit 0\n' > "$stub_dir/xdg-open"
chmod +x "$stub_dir/xdg-open"

NODE_ENV=development DEV_IDENTITY=true EMBEDDED_SANDBOX=true HOST=127.0.0.1 PORT="$PORT" \
  BOT_ID= SECRET_BOT_PASSWORD= LOG_LEVEL="${LOG_LEVEL:-warn}" \
  node --import tsx bot/src/main.ts &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$stub_dir"
}
trap cleanup EXIT INT TERM

for _ in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "The server did not start." >&2; exit 1; fi
  sleep 0.2
done
echo "Server on http://127.0.0.1:$PORT (bot at /api/messages). Playground: http://localhost:$PLAYGROUND_PORT"

if [ "${PLAYGROUND_NO_UI:-}" = "1" ]; then wait "$server_pid"; exit 0; fi
PATH="$stub_dir:$PATH" npx --no-install agentsplayground start \
  -e "http://127.0.0.1:$PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" --disable-telemetry
