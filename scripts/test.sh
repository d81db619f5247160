#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs the local AWS emulator into .venv if
# missing, then runs formatting and lint checks, synthesizes the CDK and Amplify Gen2 templates
# the tests read (scripts/synth.sh), every test (unit + integration against the emulator), then
# the external validators: cfn-lint on the emitted CloudFormation template and
# tsc against the real @aws-amplify/backend on the emitted resource.ts. Needs the Rust
# toolchain, python3 and node/npm; installs everything else (into .venv and .cache/).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "python venv with the emulator (scripts/venv.sh)"
bash scripts/venv.sh

# cfn-lint, pinned: the corpus test (tests/integration/corpus.rs) lints every emitted template.
step "cfn-lint into .venv (scripts/requirements-lint.txt)"
.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-lint.txt

step "emulator tests (scripts/tests, faithful mode and --plain)"
.venv/bin/python -m unittest discover -s scripts/tests

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings

# The pinned TypeScript/CDK toolchain in .cache/ts-check: synth.sh, the validators and cargo test
# (the emit corpus compiles and synthesizes every emitted CDK construct) need it.
step "TypeScript toolchain (scripts/ts-toolchain.sh)"
bash scripts/ts-toolchain.sh

# The CDK and Amplify Gen2 templates the corpus tests read (.cache/synth/out/manifest.json),
# synthesized offline with the real toolchains; cached, so quick when nothing changed.
step "scripts/synth.sh"
bash scripts/synth.sh

step "Amplify JavaScript client for the sign-in test (scripts/amplify-client.sh)"
bash scripts/amplify-client.sh

step "cargo test"
cargo test --all-targets

# The validators use the binary `cargo test` just built instead of building another one
# (a plain `cargo build` resolves dependency features without dev-dependencies: a rebuild).
export COGREF_BIN="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/cogref"
for validator in scripts/cfn-lint.sh scripts/validate-ts.sh scripts/validate-cdk.sh; do
    step "$validator"
    bash "$validator"
done
