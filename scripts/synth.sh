#!/usr/bin/env bash
# Synthesizes, offline and with the real toolchains, the CDK and Amplify Gen2 templates the corpus
# test deploys: the apps in scripts/synth/ (listed with what they exercise in
# scripts/synth/apps.json), each into its own cloud assembly .cache/synth/out/APP/ (the cdk.out
# layout: a root template next to its *.nested.template.json), plus
# .cache/synth/out/manifest.json listing every root template, its nested templates and resource
# types. No AWS account and no network: npm is used only to install the pinned packages.
#
#     bash scripts/synth.sh      # prints where the templates went; quick when nothing changed
#
# Toolchain: aws-cdk-lib, constructs, @aws-amplify/backend and typescript from the install of
# scripts/ts-check/package.json in .cache/ts-check/ (shared with scripts/validate-ts.sh); tsx
# (which brings esbuild, used by Amplify's bundled secret-fetcher Lambda) from
# scripts/synth/package.json in .cache/synth/. Apps run the way `cdk synth` / `ampx sandbox` run
# them: `tsx ENTRY` with CDK_OUTDIR and CDK_CONTEXT_JSON (the CDK CLI's default context, plus the
# amplify-backend-* keys for Amplify). The output is cached by a hash of everything that shapes it.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "synth: $*" >&2; exit 1; }
command -v node > /dev/null || fail "node is not installed (needed to synthesize the CDK and Amplify apps)"
command -v npm > /dev/null || fail "npm is not installed (needed once to install the pinned toolchain)"

ts=.cache/ts-check
cache=.cache/synth
out=$cache/out
mkdir -p "$cache"
[ -f .cache/.gitignore ] || echo '*' > .cache/.gitignore

hash=$( { node --version; cat scripts/synth.sh scripts/ts-check/package.json;
          find scripts/synth -type f | LC_ALL=C sort | while read -r f; do echo "$f"; cat "$f"; done; } \
        | sha256sum | cut -d' ' -f1)
if [ -f "$out/manifest.json" ] && [ "$(cat "$out/.inputs-hash" 2>/dev/null)" = "$hash" ]; then
    echo "synth: up to date: $out/manifest.json"
    exit 0
fi

# The pinned packages: the ts-check install (reinstalled when its package.json changed, as
# scripts/validate-ts.sh does) and our own tsx.
if ! cmp -s scripts/ts-check/package.json "$ts/package.json" || [ ! -f "$ts/node_modules/aws-cdk-lib/package.json" ]; then
    echo "synth: installing the pinned CDK/Amplify toolchain into $ts (first run: ~2 min)" >&2
    mkdir -p "$ts"
    cp scripts/ts-check/package.json "$ts/package.json"
    (cd "$ts" && npm install --no-audit --no-fund --loglevel=error) || fail "npm install in $ts failed"
fi
if ! cmp -s scripts/synth/package.json "$cache/package.json" || [ ! -x "$cache/node_modules/.bin/tsx" ]; then
    echo "synth: installing tsx into $cache" >&2
    cp scripts/synth/package.json "$cache/package.json"
    (cd "$cache" && npm install --no-audit --no-fund --loglevel=error) || fail "npm install in $cache failed"
fi

toolchain=$(node -e '
  const v = (p) => require(`./${p}/package.json`).version;
  const ts = ".cache/ts-check/node_modules", own = ".cache/synth/node_modules";
  console.log(JSON.stringify({
    node: process.version,
    "aws-cdk-lib": v(`${ts}/aws-cdk-lib`),
    constructs: v(`${ts}/constructs`),
    "@aws-amplify/backend": v(`${ts}/@aws-amplify/backend`),
    "@aws-amplify/backend-auth": v(`${ts}/@aws-amplify/backend-auth`),
    "@aws-amplify/auth-construct": v(`${ts}/@aws-amplify/auth-construct`),
    typescript: v(`${ts}/typescript`),
    tsx: v(`${own}/tsx`),
    esbuild: v(`${own}/esbuild`),
  }));') || fail "cannot read the installed toolchain versions"

# A scratch copy of the apps whose node_modules is the ts-check install, so that every app
# resolves one aws-cdk-lib (a second copy would break construct instanceof checks).
start=$(date +%s)
work=$(mktemp -d "$cache/work.XXXXXX")
new=$(mktemp -d "$cache/out.new.XXXXXX")
trap 'rm -rf "$work" "$new"' EXIT
cp -R scripts/synth/. "$work/"
ln -s "$PWD/$ts/node_modules" "$work/node_modules"

# Type-check first (tsx only strips types): an app that does not compile is a failure, as it is
# for `ampx sandbox`.
cat > "$work/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "es2022", "module": "es2022", "moduleResolution": "bundler",
    "strict": true, "skipLibCheck": true, "noEmit": true, "types": []
  },
  "include": ["*/app.ts", "*/amplify/**/*.ts"]
}
JSON
"$PWD/$ts/node_modules/.bin/tsc" -p "$work/tsconfig.json" > "$work/tsc.log" 2>&1 \
    || { cat "$work/tsc.log" >&2; fail "the synth apps do not type-check (tsc output above)"; }
echo "synth: the apps type-check ($(( $(date +%s) - start )) s)" >&2

# The CDK CLI's default context (asset metadata is what ties a nested stack to its template
# file), plus the app's own keys from apps.json (Amplify's amplify-backend-*).
cli_context='{"aws:cdk:enable-path-metadata": true, "aws:cdk:enable-asset-metadata": true, "aws:cdk:version-reporting": true, "aws:cdk:bundling-stacks": ["**"]}'
root=$PWD
tsx="$root/$cache/node_modules/.bin/tsx"
bin="$PWD/$cache/node_modules/.bin"
apps=$(node -p 'require("./scripts/synth/apps.json").apps.map((a) => a.name).join(" ")')
for app in $apps; do
    app_start=$(date +%s)
    entry=$(node -p "require('./scripts/synth/apps.json').apps.find((a) => a.name === '$app').entry")
    context=$(node -p "JSON.stringify({...$cli_context, ...require('./scripts/synth/apps.json').apps.find((a) => a.name === '$app').context})")
    # Offline: no AWS credentials or region in the environment, so nothing can look anything up.
    if ! (cd "$work/$app" && env -u AWS_PROFILE -u AWS_REGION -u AWS_DEFAULT_REGION \
            -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
            PATH="$bin:$PATH" CDK_OUTDIR="$root/$new/$app" CDK_CONTEXT_JSON="$context" \
            "$tsx" "$entry") > "$work/$app.log" 2>&1; then
        tail -n 30 "$work/$app.log" >&2
        fail "synthesizing $app failed (output above)"
    fi
    [ -f "$new/$app/manifest.json" ] || { tail -n 30 "$work/$app.log" >&2; fail "$app wrote no cloud assembly to $new/$app"; }
    echo "synth: $app synthesized in $(( $(date +%s) - app_start )) s" >&2
done

node scripts/synth/manifest.mjs "$new" scripts/synth/apps.json "$hash" "$toolchain"
echo "$hash" > "$new/.inputs-hash"
# Swap the new output in whole, so a reader never sees half of it.
rm -rf "$out.old"
[ ! -e "$out" ] || mv "$out" "$out.old"
mv "$new" "$out"
rm -rf "$out.old"
trap 'rm -rf "$work"' EXIT

echo "synth: $(node -p "require('./$out/manifest.json').templates.length") root templates in $out/ ($(( $(date +%s) - start )) s); manifest: $out/manifest.json"
node -e '
  const m = require("./'"$out"'/manifest.json");
  for (const t of m.templates) {
    const nested = [];
    const walk = (n) => n.forEach((x) => { nested.push(x.template); walk(x.nested); });
    walk(t.nested);
    console.log(`  ${t.name}: ${t.template}` + (nested.length ? ` (+ ${nested.join(", ")})` : ""));
  }'
