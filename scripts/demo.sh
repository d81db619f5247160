#!/usr/bin/env bash
# The main job on a built-in local emulator with a seeded sample account, from a fresh machine:
# creates the venv if missing, builds cogref, starts the emulator on 127.0.0.1, seeds the
# sample account, runs cogref against it, shows where the outputs are, stops the emulator.
# Nothing here talks to a real AWS account.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
out="$root/demo-output"

bash scripts/venv.sh
echo "building cogref..." >&2
cargo build --quiet
cogref="$root/target/debug/cogref"

source scripts/emulator.sh
start_emulator
echo "emulator on $EMULATOR_URL" >&2
rm -rf "$out" && mkdir -p "$out"
.venv/bin/python scripts/seed.py --endpoint "$EMULATOR_URL" --out "$out/sample-ids.json" >&2

# Point cogref at the emulator exactly as at a real account: standard AWS variables.
export AWS_ENDPOINT_URL="$EMULATOR_URL" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

show() { printf '\n$ %s\n' "$*"; "$@"; }

show "$cogref" scan -v --out "$out/snapshot.json"
show "$cogref" ls --snapshot "$out/snapshot.json"
show "$cogref" iam-policy --out "$out/iam-policy.json"

echo
echo "outputs in $out:"
ls -1 "$out" | sed 's/^/  /'
