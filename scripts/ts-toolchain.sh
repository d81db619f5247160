#!/usr/bin/env bash
# Installs the pinned TypeScript toolchain (scripts/ts-check/package.json: typescript,
# aws-cdk-lib, constructs, @aws-amplify/backend, @types/node) into .cache/ts-check/ (git-ignored),
# and reinstalls it when that file changes (scripts/synth.sh has the same check inline). Used by
# scripts/validate-ts.sh, scripts/validate-cdk.sh and `cargo test` (the emit corpus compiles and
# synthesizes every `emit cdk` construct with it: tests/integration/emit_corpus.rs), so
# scripts/test.sh runs it before cargo test.
#
#     bash scripts/ts-toolchain.sh    # quick when already installed; first run ~2 min (npm)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "ts-toolchain: $*" >&2; exit 1; }
command -v node > /dev/null || fail "node is not installed (needed to type-check and synthesize TypeScript)"

cache=.cache/ts-check
mkdir -p "$cache"
[ -f .cache/.gitignore ] || echo '*' > .cache/.gitignore

if ! cmp -s scripts/ts-check/package.json "$cache/package.json" \
    || [ ! -x "$cache/node_modules/.bin/tsc" ] \
    || [ ! -f "$cache/node_modules/aws-cdk-lib/package.json" ]; then
    command -v npm > /dev/null || fail "npm is not installed (needed once to install the pinned toolchain)"
    echo "ts-toolchain: installing the pinned TypeScript toolchain into $cache (first run: ~2 min)" >&2
    cp scripts/ts-check/package.json "$cache/package.json"
    (cd "$cache" && npm install --no-audit --no-fund --loglevel=error) || fail "npm install in $cache failed"
else
    echo "ts-toolchain: up to date: $cache"
fi
