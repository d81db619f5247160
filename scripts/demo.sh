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
cogref="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/cogref"

source scripts/emulator.sh
start_emulator
echo "emulator on $EMULATOR_URL" >&2
rm -rf "$out" && mkdir -p "$out"
.venv/bin/python scripts/seed.py --endpoint "$EMULATOR_URL" --out "$out/sample-ids.json" >&2

# Point cogref at the emulator exactly as at a real account: standard AWS variables.
export AWS_ENDPOINT_URL="$EMULATOR_URL" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

show() { printf '\n$ %s\n' "$*"; "$@" || printf '(exit code %d)\n' "$?"; }
id() { "$root/.venv/bin/python" -c "import json,sys; d=json.load(open('$out/sample-ids.json')); print(eval(sys.argv[1]))" "$1"; }
shop=$(id 'd["user_pools"]["shop-customers"]["id"]')
partner=$(id 'd["user_pools"]["partner-portal"]["id"]')
field=$(id 'd["user_pools"]["field-ops"]["id"]')

echo; echo "### 1. Scan the account (read-only) and show how things link"
show "$cogref" scan -v --out "$out/snapshot.json"
show "$cogref" ls --snapshot "$out/snapshot.json"

echo; echo "### 2. Onboarding: is each pool ready for Amplify's referenceAuth?"
show "$cogref" check --pool "$shop"
show "$cogref" check --pool "$partner"
show "$cogref" check --pool "$field"
show "$cogref" emit reference-auth --pool "$partner"
show "$cogref" emit reference-auth --pool "$shop" --out "$out/app"
show cat "$out/app/amplify/auth/resource.ts"
show "$cogref" emit reference-auth --pool "$shop" --env SHOP_AUTH --out "$out/app-env"
cat >"$out/cogref-branches.toml" <<TOML
prefix = "SHOP_AUTH"
[branches.main]
pool = "$shop"
[branches.dev]
pool = "$shop"
client = "$(id 'd["user_pools"]["shop-customers"]["clients"]["shop-web"]["id"]')"
TOML
show "$cogref" emit env --mapping "$out/cogref-branches.toml" --branch main
show "$cogref" emit env --mapping "$out/cogref-branches.toml" --all-branches --env-format github --out "$out/env"
show "$cogref" emit outputs --pool "$shop" --out "$out/amplify_outputs.json"

echo; echo "### 3. Infrastructure as code: importable CloudFormation, Terraform and CDK"
show "$cogref" emit cloudformation --out "$out/cloudformation"
show head -20 "$out/cloudformation/resources-to-import.json"
show "$cogref" emit terraform --out "$out/terraform"
show "$cogref" emit cdk --style adopt --out "$out/cdk-adopt"
show "$cogref" emit cdk --style reference --pool "$shop" --out "$out/cdk-reference"
show head -12 "$out/terraform/imports.tf"

echo; echo "### 4. Drift: live against the template we just emitted, then against a changed one"
show "$cogref" drift --desired "$out/cloudformation/template.json" --import-file "$out/cloudformation/resources-to-import.json"
sed -e 's/"MinimumLength": 12/"MinimumLength": 14/' \
    -e 's/"CaseSensitive": false/"CaseSensitive": true/' \
    "$out/cloudformation/template.json" >"$out/desired-changed.json"
show "$cogref" drift --desired "$out/desired-changed.json" --import-file "$out/cloudformation/resources-to-import.json"
show "$cogref" drift --desired "$out/desired-changed.json" --import-file "$out/cloudformation/resources-to-import.json" --format markdown --out "$out/drift-report.md"

show "$cogref" iam-policy --out "$out/iam-policy.json"

echo
echo "outputs in $out:"
(cd "$out" && find . -type f | sort | sed 's/^\.\//  /')
