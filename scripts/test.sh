#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs the local AWS emulator into .venv if
# missing, then runs formatting and lint checks and every test (unit + integration against the
# emulator). Needs only the Rust toolchain and python3. Extra validators (cfn-lint, tsc) are run
# by the scripts listed below when present.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "python venv with the emulator (scripts/venv.sh)"
bash scripts/venv.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings

step "cargo test"
cargo test --all-targets

for validator in scripts/cfn-lint.sh scripts/validate-ts.sh; do
    if [[ -x "$validator" ]]; then
        step "$validator"
        bash "$validator"
    fi
done
