#!/usr/bin/env bash
# Regenerates tests/fixtures/sample-snapshot.json and sample-ids.json: a scan of the seeded
# sample account with moto's random seed fixed, so ids are stable. Run after changing the
# seeder or the snapshot model, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
cargo build --quiet
source scripts/emulator.sh
start_emulator
curl -fsS -X POST "$EMULATOR_URL/moto-api/seed?a=42" >/dev/null
mkdir -p tests/fixtures
.venv/bin/python scripts/seed.py --endpoint "$EMULATOR_URL" --out tests/fixtures/sample-ids.json >/dev/null
AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 \
COGREF_CAPTURED_AT=2026-01-01T00:00:00Z \
    "${CARGO_TARGET_DIR:-target}/debug/cogref" scan --endpoint-url "$EMULATOR_URL" --out tests/fixtures/sample-snapshot.json
# The endpoint's port changes every run; it means nothing in a fixture.
python3 - <<'PY'
import json
p = "tests/fixtures/sample-ids.json"
d = json.load(open(p))
d["endpoint"] = "http://127.0.0.1:0"
json.dump(d, open(p, "w"), indent=2, sort_keys=True)
open(p, "a").write("\n")
PY
echo "fixtures written to tests/fixtures/"
