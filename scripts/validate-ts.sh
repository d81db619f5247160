#!/usr/bin/env bash
# Type-checks the amplify/auth/resource.ts that `cogref emit reference-auth` writes, in both
# styles (literal ids and --env PREFIX), with `tsc --noEmit` against the real
# @aws-amplify/backend installed from npm. Versions are pinned in scripts/ts-check/package.json;
# scripts/ts-toolchain.sh installs them once into .cache/ts-check/ (git-ignored) and reinstalls
# them when that file changes. A deliberately wrong file must fail, so a check that can never
# fail is caught too.
#
#     bash scripts/validate-ts.sh        # exit 0: both styles type-check; non-zero otherwise
#
# Needs node and npm (the npm registry reachable on the first run), and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=.cache/ts-check
bash scripts/ts-toolchain.sh > /dev/null

# COGREF_BIN: a cogref binary already built (scripts/test.sh passes the one `cargo test` built).
cogref="${COGREF_BIN:-}"
if [ -z "$cogref" ]; then
    cargo build --quiet
    cogref="${CARGO_TARGET_DIR:-target}/debug/cogref"
fi
snapshot=tests/fixtures/sample-snapshot.json
pool=$(node -e 'console.log(require("./tests/fixtures/sample-ids.json").user_pools["shop-customers"].id)')

work=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One Amplify project per style: amplify/auth/resource.ts (written by cogref into the project
# directory given as --out), amplify/backend.ts using it, and Amplify's own tsconfig settings.
make_project() {
    local dir=$1
    mkdir -p "$dir/amplify"
    cat > "$dir/amplify/backend.ts" <<'TS'
import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';

defineBackend({ auth });
TS
    cat > "$dir/amplify/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "es2022",
    "module": "es2022",
    "moduleResolution": "bundler",
    "resolveJsonModule": true,
    "esModuleInterop": true,
    "forceConsistentCasingInFileNames": true,
    "strict": true,
    "skipLibCheck": true,
    "noEmit": true,
    "types": ["node"]
  },
  "include": ["**/*.ts"]
}
JSON
}

tsc="$PWD/$cache/node_modules/.bin/tsc"
status=0

make_project "$work/literal"
"$cogref" emit reference-auth --snapshot "$snapshot" --pool "$pool" --out "$work/literal"
make_project "$work/env"
"$cogref" -q emit reference-auth --snapshot "$snapshot" --pool "$pool" --env SHOP_AUTH --out "$work/env"

for style in literal env; do
    if "$tsc" --noEmit -p "$work/$style/amplify/tsconfig.json"; then
        echo "validate-ts: $style style type-checks against @aws-amplify/backend"
    else
        echo "validate-ts: $style style FAILED to type-check" >&2
        status=1
    fi
done

# Negative control: a wrong property type must be rejected, or the check proves nothing.
make_project "$work/broken"
mkdir -p "$work/broken/amplify/auth"
sed 's/userPoolId: .*/userPoolId: 42,/' "$work/literal/amplify/auth/resource.ts" > "$work/broken/amplify/auth/resource.ts"
if "$tsc" --noEmit -p "$work/broken/amplify/tsconfig.json" > "$work/broken.log" 2>&1; then
    echo "validate-ts: the negative control type-checked: tsc is not checking anything" >&2
    status=1
else
    echo "validate-ts: negative control rejected as expected"
fi
exit $status
