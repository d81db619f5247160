#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time (not part of CI), seeded with the project's
# fixtures, and prints executions and crashes per target. Crashes land in
# fuzz/artifacts/TARGET/; add each one to tests/fixtures/bad-input/ with a test once fixed.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      default 60
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants a nightly compiler for its
# sanitizer flags; on a stable toolchain this script sets RUSTC_BOOTSTRAP=1 for the fuzz build
# only, and builds without a sanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || { echo "fuzz.sh: install cargo-fuzz first: cargo install cargo-fuzz" >&2; exit 2; }
export RUSTC_BOOTSTRAP=1

mkdir -p fuzz/corpus/snapshot_reader fuzz/corpus/template_reader
cp tests/fixtures/sample-snapshot.json tests/fixtures/bad-input/*.json fuzz/corpus/snapshot_reader/ 2>/dev/null || true
cp tests/fixtures/drift/* fuzz/corpus/template_reader/ 2>/dev/null || true
cp snapshots/cloudformation-template.* fuzz/corpus/template_reader/ 2>/dev/null || true

for target in snapshot_reader template_reader; do
    log="$(mktemp)"
    status=0
    cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
    crashes=$(ls "fuzz/artifacts/$target" 2>/dev/null | wc -l)
    echo "$target: ${execs:-?} executions in ${seconds}s, exit $status, $crashes crash file(s) in fuzz/artifacts/$target"
    if [[ $status -ne 0 ]]; then tail -30 "$log"; fi
    rm -f "$log"
done
