#!/usr/bin/env bash
# Starts Rentai on this machine (README, "Quick start"): installs the dependencies when needed,
# builds, then hands over to scripts/start.ts, which creates the database when missing, migrates,
# seeds demo data into an empty database (NODE_ENV=development only), runs the gateway and the worker, and prints where they
# answer and how to sign in. Ctrl-C stops everything.
#   bash scripts/start.sh            gateway and worker
#   bash scripts/start.sh gateway    only the gateway (docker-compose runs one service each)
#   bash scripts/start.sh worker     only the worker
#   bash scripts/start.sh mail       only the development mail catcher (docker-compose's mail service)
#   bash scripts/start.sh --reset    drop the database first: the demo afresh
set -euo pipefail
cd "$(dirname "$0")/.."

# npm start is the development start: the built-in session secret, the demo data (accounts with
# published passwords) and the mail catcher are accepted only with NODE_ENV=development. A
# deployment sets its own NODE_ENV=production and SESSION_SECRET.
export NODE_ENV="${NODE_ENV:-development}"

if ! command -v node >/dev/null 2>&1; then
  echo "Rentai needs Node.js 20.19 or newer, and node is not on the PATH." >&2
  exit 1
fi
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Rentai needs Node.js 20.19 or newer; this is ${process.version}.`);
    process.exit(1);
  }'

# Install only when a dependency is missing or does not satisfy package.json. (Not by file dates:
# git gives package-lock.json a new date on every checkout without changing what is installed.)
if [ ! -d node_modules ] || ! npm ls --depth=0 >/dev/null 2>&1; then
  echo "Installing dependencies…"
  # npm install, not npm ci: the registry this machine reaches lacks other platforms' optional
  # packages, so the lock file cannot list them and npm ci refuses it.
  npm install --no-audit --no-fund
fi

# Build unless dist/ is newer than every source file (a restart without changes starts at once).
stamp=dist/.start-build-stamp
if [ -f "$stamp" ] && [ -z "$(find apps libs scripts prisma-free-migrations bench package.json tsconfig.json tsconfig.build.json \
    -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -print 2>/dev/null | head -n 1)" ]; then
  echo "Build is up to date."
else
  echo "Building…"
  mkdir -p dist
  touch "$stamp.next"
  npm run --silent build
  mv "$stamp.next" "$stamp"
fi
exec node dist/scripts/start.js "$@"
