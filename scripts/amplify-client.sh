#!/usr/bin/env bash
# Installs the pinned Amplify JavaScript client (scripts/amplify-client/package.json) into
# .cache/amplify-client/ (git-ignored) for tests/integration/amplify_client.rs, which configures
# `aws-amplify` from the amplify_outputs.json that `cogref emit outputs` writes and signs a user
# in against the local emulator. Reinstalls only when package.json changed (or the install is
# incomplete); a failed install leaves nothing that looks current.
#
#     bash scripts/amplify-client.sh     # then: cargo test --test integration amplify_client
#
# Needs node (>= 20: Amplify 6 uses globalThis.crypto and fetch) and npm, with the npm
# registry reachable on the first run. scripts/test.sh runs it before `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=.cache/amplify-client
mkdir -p "$cache"
[ -f .cache/.gitignore ] || echo '*' > .cache/.gitignore

if cmp -s scripts/amplify-client/package.json "$cache/package.json" \
    && [ -f "$cache/node_modules/aws-amplify/package.json" ]; then
    exit 0
fi
echo "amplify-client: installing the pinned aws-amplify into $cache (first run: ~1 min)" >&2
rm -f "$cache/package.json"
cp scripts/amplify-client/package.json "$cache/package.json"
if ! (cd "$cache" && npm install --no-audit --no-fund --loglevel=error); then
    rm -f "$cache/package.json"
    echo "amplify-client: npm install failed" >&2
    exit 1
fi
