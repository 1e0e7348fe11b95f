#!/usr/bin/env bash
# Installs web/'s npm packages exactly as web/package-lock.json pins them: the chart runtime
# (vega, vega-lite, vega-embed) that the build embeds into kopa's pages, and playwright-core for
# the browser tests. Uses the npm inside Debian's nodejs (scripts/setup-deps.sh installs it).
# Idempotent: when web/node_modules already matches the lock file it only refreshes the stamp
# that the build depends on.
set -euo pipefail
web=$(cd "$(dirname "$0")/../web" && pwd)
stamp="$web/node_modules/.kopa-lock.sha256"
want=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  touch "$stamp"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup-web: npm not found; install Debian's nodejs (scripts/setup-deps.sh does)" >&2
  exit 1
fi
echo "setup-web: npm ci in $web" >&2
if ! (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >&2); then
  echo "setup-web: 'npm ci' failed in $web: is the npm registry reachable?" >&2
  exit 1
fi
echo "$want" >"$stamp"
