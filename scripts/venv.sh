#!/usr/bin/env bash
# Owns the Python side's environment: .venv at the repo root with scripts/requirements.txt
# (moto, the local AWS stand-in, and boto3 for the seeder).
#
#   bash scripts/venv.sh      make sure .venv is there and current (quiet when it already is)
#   . scripts/venv.sh         the same, then activate .venv in the calling shell
#
# Idempotent: .venv/.requirements.sha256 holds the sha256 of requirements.txt it was installed
# from; a changed file, a missing venv or a venv that cannot import moto and boto3 reinstalls.

_cogref_venv() (
    set -euo pipefail
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    venv="$root/.venv"
    requirements="$root/scripts/requirements.txt"
    stamp="$venv/.requirements.sha256"
    want="$(sha256sum "$requirements" | cut -d' ' -f1)"

    usable() { "$venv/bin/python" -c 'import moto, boto3' >/dev/null 2>&1; }

    if usable && [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        exit 0
    fi
    if ! usable; then
        echo "venv.sh: creating $venv" >&2
        if ! python3 -m venv "$venv" >&2; then
            echo "venv.sh: error: 'python3 -m venv $venv' failed (Debian/Ubuntu: apt-get install python3-venv)" >&2
            exit 1
        fi
    fi
    echo "venv.sh: installing $requirements" >&2
    if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2; then
        echo "venv.sh: error: 'pip install -r $requirements' failed in $venv (is PyPI reachable?)" >&2
        exit 1
    fi
    if ! usable; then
        echo "venv.sh: error: $venv/bin/python still cannot import moto and boto3" >&2
        exit 1
    fi
    echo "$want" >"$stamp"
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: leave the caller's shell options alone, activate on success.
    _cogref_venv && . "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.venv/bin/activate"
else
    set -euo pipefail
    _cogref_venv
fi
