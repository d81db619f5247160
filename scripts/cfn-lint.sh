#!/usr/bin/env bash
# Lints the CloudFormation template cogref emits for the sample account with cfn-lint, pinned in
# scripts/requirements-lint.txt and installed into the project venv (.venv, see scripts/venv.sh).
# Both serializations are checked (template.json and template.yaml), and the fleet read role's
# StackSet template (`cogref iam-policy --fleet --policy-format cloudformation`). Fails on any error-level
# (E) finding or when cfn-lint itself fails; warnings and informational findings are printed
# but allowed.
#
#   bash scripts/cfn-lint.sh          builds cogref (debug) unless COGREF_BIN names a binary
#
# cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational; 1 means
# cfn-lint could not run (bad arguments, unreadable template).

set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/venv.sh
.venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-lint.txt
want="$(sed -n 's/^cfn-lint==//p' scripts/requirements-lint.txt)"
have="$(.venv/bin/cfn-lint --version | awk '{print $2}')"
if [[ "$have" != "$want" ]]; then
    echo "cfn-lint.sh: error: .venv has cfn-lint $have, scripts/requirements-lint.txt pins $want" >&2
    exit 1
fi

bin="${COGREF_BIN:-}"
if [[ -z "$bin" ]]; then
    cargo build --quiet
    bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/cogref"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
for format in json yaml; do
    "$bin" --snapshot tests/fixtures/sample-snapshot.json \
        emit cloudformation --template-format "$format" --out "$tmp/$format"
    template="$tmp/$format/template.$format"
    set +e
    .venv/bin/cfn-lint "$template"
    rc=$?
    set -e
    if (( rc & 1 )); then
        echo "cfn-lint.sh: error: cfn-lint $have could not lint template.$format (exit $rc)" >&2
        status=1
    elif (( rc & 2 )); then
        echo "cfn-lint.sh: error: cfn-lint $have found errors in template.$format (exit $rc)" >&2
        status=1
    elif (( rc != 0 )); then
        echo "cfn-lint.sh: template.$format: warnings or notes only (exit $rc), allowed"
    else
        echo "cfn-lint.sh: template.$format: no findings (cfn-lint $have)"
    fi
done

# The StackSet template of `cogref iam-policy --fleet` (the read role in every account).
"$bin" iam-policy --fleet --policy-format cloudformation --source-account 123456789012 \
    --external-id cogref-nightly --out "$tmp/fleet-role.json"
set +e
.venv/bin/cfn-lint "$tmp/fleet-role.json"
rc=$?
set -e
if (( rc & 3 )); then
    echo "cfn-lint.sh: error: cfn-lint $have found errors in the fleet role template (exit $rc)" >&2
    status=1
else
    echo "cfn-lint.sh: fleet-role.json: exit $rc (cfn-lint $have)"
fi
exit "$status"
