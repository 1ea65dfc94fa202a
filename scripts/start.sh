#!/usr/bin/env bash
# Starts Rentai on this machine: install, build, migrate, seed demo data when the
# database is empty, then run the gateway and the worker until Ctrl-C.
#   bash scripts/start.sh            both processes
#   bash scripts/start.sh gateway    only the gateway (docker-compose runs one per service)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies…"
  npm ci --no-audit --no-fund
fi
echo "Building…"
npm run --silent build
node dist/scripts/ensure-database.js
echo "Migrating…"
npx typeorm migration:run -d dist/prisma-free-migrations/data-source.js >/dev/null
node dist/apps/cli/src/main.js seed:demo --if-empty

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
if [ "$what" = all ] || [ "$what" = gateway ]; then node dist/apps/gateway/src/main.js & pids+=($!); fi
if [ "$what" = all ] || [ "$what" = worker ]; then node dist/apps/worker/src/main.js & pids+=($!); fi
wait -n "${pids[@]}"
