#!/usr/bin/env bash
# Validates `cogref emit cdk` with the real toolchain, offline: for both styles on the sample
# snapshot, a tiny CDK app (bin/app.ts: one Stack holding the emitted ExistingAuth construct) is
# compiled with tsc against the pinned aws-cdk-lib + constructs (scripts/ts-check/package.json,
# installed into .cache/ts-check by scripts/ts-toolchain.sh), then synthesized by running the
# compiled app with node and CDK_OUTDIR set (no CDK CLI, no AWS account). Asserts:
#   - reference style (literal ids, and --env with every variable given as CDK context):
#     the synthesized template creates no resource (only CDK metadata);
#   - adopt style: the synthesized template is cfn-lint clean (no error-level finding), and
#     `cogref drift` of it against the same snapshot reports no drift (exit 0);
#   - must-fail controls: a wrong prop type is rejected by tsc, and a changed setting in the
#     adopt construct is reported by drift.
#
#     bash scripts/validate-cdk.sh        # exit 0 when every check passes
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

cache=.cache/ts-check
if ! cmp -s scripts/ts-check/package.json "$cache/package.json" || [ ! -x "$cache/node_modules/.bin/tsc" ]; then
    echo "validate-cdk: the pinned TypeScript toolchain is not installed: run scripts/ts-toolchain.sh first" >&2
    exit 1
fi
bash scripts/venv.sh
.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-lint.txt

cogref="${COGREF_BIN:-}"
if [ -z "$cogref" ]; then
    cargo build --quiet
    cogref="$root/${CARGO_TARGET_DIR:-target}/debug/cogref"
fi
snapshot=tests/fixtures/sample-snapshot.json
pool=$(node -e 'console.log(require("./tests/fixtures/sample-ids.json").user_pools["shop-customers"].id)')

work=$(mktemp -d "$root/$cache/cdk.XXXXXX")
trap 'rm -rf "$work"' EXIT
tsc="$root/$cache/node_modules/.bin/tsc"
status=0
fail() { echo "validate-cdk: $*" >&2; status=1; }

# A CDK app around the construct cogref wrote into $1/lib/existing-auth.ts. node resolves
# aws-cdk-lib from .cache/ts-check/node_modules because the app lives below it.
make_app() {
    local dir=$1
    mkdir -p "$dir/bin"
    cat > "$dir/bin/app.ts" <<'TS'
import * as cdk from 'aws-cdk-lib';
import { ExistingAuth } from '../lib/existing-auth';

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ExistingAuthStack', {
  env: { account: '123456789012', region: 'us-east-1' },
});
new ExistingAuth(stack, 'ExistingAuth');
app.synth();
TS
    cat > "$dir/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "es2022",
    "module": "commonjs",
    "moduleResolution": "node",
    "strict": true,
    "noImplicitAny": true,
    "skipLibCheck": true,
    "types": ["node"],
    "outDir": "build"
  },
  "include": ["bin/**/*.ts", "lib/**/*.ts"]
}
JSON
    # the cache's package.json says "type": "module"; the compiled app is CommonJS
    echo '{"type": "commonjs"}' > "$dir/package.json"
}

# synth DIR [CONTEXT_JSON]: tsc, then run the app; the template is DIR/cdk.out/ExistingAuthStack.template.json
synth() {
    local dir=$1 context=${2:-"{}"}
    "$tsc" -p "$dir/tsconfig.json" || return 1
    (cd "$dir" && env CDK_OUTDIR="$dir/cdk.out" CDK_CONTEXT_JSON="$context" node build/bin/app.js) || return 1
    [ -f "$dir/cdk.out/ExistingAuthStack.template.json" ]
}

# Resource types other than CDK's own metadata in a synthesized template.
created() {
    node -e '
const t = require(process.argv[1]);
const types = Object.values(t.Resources || {}).map(r => r.Type).filter(ty => ty !== "AWS::CDK::Metadata");
console.log(types.join(" "));' "$1"
}

# 1. reference style, literal ids
make_app "$work/reference"
"$cogref" -q --snapshot "$snapshot" emit cdk --style reference --out "$work/reference"
if synth "$work/reference"; then
    made=$(created "$work/reference/cdk.out/ExistingAuthStack.template.json")
    if [ -n "$made" ]; then fail "reference style creates resources: $made"; else
        echo "validate-cdk: reference style compiles and synthesizes with no resource"; fi
else
    fail "reference style FAILED to compile or synthesize"
fi

# 2. reference style, --env: every variable as CDK context (the values emit env writes)
make_app "$work/env"
"$cogref" -q --snapshot "$snapshot" emit cdk --style reference --env SHOP_AUTH --pool "$pool" --out "$work/env"
context=$(cd "$root" && printf '[branches.main]\npool = "%s"\n' "$pool" > "$work/branches.toml" && \
    "$cogref" -q --snapshot "$snapshot" emit env --mapping "$work/branches.toml" --branch main --prefix SHOP_AUTH --env-format json)
if synth "$work/env" "$context"; then
    made=$(created "$work/env/cdk.out/ExistingAuthStack.template.json")
    if [ -n "$made" ]; then fail "--env reference style creates resources: $made"; else
        echo "validate-cdk: --env reference style compiles and synthesizes with no resource (ids from CDK context)"; fi
else
    fail "--env reference style FAILED to compile or synthesize"
fi
# without the settings the synth must stop, naming the first missing one
if [ ! -f "$work/env/build/bin/app.js" ]; then
    fail "--env reference style: no compiled app to run without its settings"
elif (cd "$work/env" && env -u SHOP_AUTH_USER_POOL_ID CDK_OUTDIR="$work/env/cdk.out2" node build/bin/app.js) > "$work/env.log" 2>&1; then
    fail "--env reference style synthesized without its settings"
elif ! grep -q "SHOP_AUTH_[A-Z_]* is not set" "$work/env.log"; then
    fail "--env reference style failed without naming the missing setting: $(head -3 "$work/env.log")"
else
    echo "validate-cdk: --env reference style stops the synth when a setting is missing"
fi

# 3. adopt style: cfn-lint, then drift against the same snapshot
make_app "$work/adopt"
"$cogref" -q --snapshot "$snapshot" emit cdk --style adopt --out "$work/adopt"
adopted="$work/adopt/cdk.out/ExistingAuthStack.template.json"
if synth "$work/adopt"; then
    set +e
    .venv/bin/cfn-lint "$adopted"
    rc=$?
    set -e
    if (( rc & 3 )); then fail "cfn-lint found errors in the adopt style's template (exit $rc)"
    else echo "validate-cdk: adopt style's synthesized template is cfn-lint clean (exit $rc)"; fi
    set +e
    "$cogref" drift --snapshot "$snapshot" --desired "$adopted" --import-file "$work/adopt/resources-to-import.json"
    rc=$?
    set -e
    if (( rc != 0 )); then fail "drift of the adopt style's template against the snapshot: exit $rc"
    else echo "validate-cdk: adopt style's template has no drift against the snapshot"; fi
else
    fail "adopt style FAILED to compile or synthesize"
fi

# 4. must-fail controls
make_app "$work/broken"
mkdir -p "$work/broken/lib"
sed 's/minimumLength: 12,/minimumLength: "12",/' "$work/adopt/lib/existing-auth.ts" > "$work/broken/lib/existing-auth.ts"
if cmp -s "$work/adopt/lib/existing-auth.ts" "$work/broken/lib/existing-auth.ts"; then
    fail "negative control: the sed did not change anything"
elif "$tsc" -p "$work/broken/tsconfig.json" > "$work/broken.log" 2>&1; then
    fail "negative control: a string minimumLength type-checked: tsc is not checking anything"
elif ! grep -q "error TS2322.*string.*number\|error TS2322" "$work/broken.log" || ! grep -q "existing-auth.ts" "$work/broken.log"; then
    fail "negative control: tsc failed for another reason than the wrong type: $(head -3 "$work/broken.log")"
else
    echo "validate-cdk: negative control (wrong prop type) rejected by tsc"
fi
make_app "$work/changed"
mkdir -p "$work/changed/lib"
sed 's/minimumLength: 12,/minimumLength: 14,/' "$work/adopt/lib/existing-auth.ts" > "$work/changed/lib/existing-auth.ts"
if synth "$work/changed"; then
    set +e
    "$cogref" -q drift --snapshot "$snapshot" --desired "$work/changed/cdk.out/ExistingAuthStack.template.json" \
        --import-file "$work/adopt/resources-to-import.json" > "$work/changed.log" 2>&1
    rc=$?
    set -e
    if (( rc == 1 )) && grep -q "MinimumLength" "$work/changed.log"; then
        echo "validate-cdk: negative control (changed MinimumLength) reported as drift"
    else
        fail "negative control: a changed MinimumLength was not reported as drift (exit $rc)"
    fi
else
    fail "negative control app FAILED to synthesize"
fi
exit $status
