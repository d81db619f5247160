#!/usr/bin/env bash
# Benchmark (not a test): cogref scan against a sequential baseline, per-category rate limits,
# peak memory, and offline drift/emit speed on a 1000-pool snapshot. Prints the figures and
# writes them to bench/results.md.
#
#   scripts/bench.sh [--sizes "10 100 500"] [--latency-ms 50] [--rate 10] [--offline-pools 1000]
#
# For each size N the emulator is seeded with the sample account plus N pools, each with 3
# clients, 2 groups and an identity provider. Our proxy (scripts/proxy.py) adds latency per call
# (a real region answers in tens of ms) and, in the rate run, throttles above R calls/s per API
# quota category like Cognito does.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

sizes="10 100 500"; latency=50; rate=10; offline_pools=1000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --latency-ms) latency="$2"; shift 2 ;;
        --rate) rate="$2"; shift 2 ;;
        --offline-pools) offline_pools="$2"; shift 2 ;;
        *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

# The rate-limit run happens at one size: 100 if measured, else the largest.
rate_size=$(echo $sizes | tr ' ' '\n' | grep -x 100 || echo $sizes | awk '{print $NF}')

bash scripts/venv.sh
echo "building cogref (release)..." >&2
cargo build --release --quiet
cogref="$root/target/release/cogref"
py="$root/.venv/bin/python"
work="$(mktemp -d -t cogref-bench.XXXXXX)"
mkdir -p bench
results="$root/bench/results.md"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

source scripts/emulator.sh

# stat FILE EXPR: a value from a proxy stats file; dicts as compact JSON (one word for `read`)
stat() { "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2], {}, d); print(json.dumps(v, separators=(',', ':')) if isinstance(v, dict) else v)" "$@"; }

# cogref through a proxy; sets T (wall s), RSS (MB), CALLS, THROTTLED, and leaves stats in $1
timed_scan() {
    local stats="$1"; shift
    start_proxy "$EMULATOR_URL" --latency-ms "$latency" --stats "$stats" "${proxy_args[@]}"
    /usr/bin/time -f "%e %M" -o "$work/time" \
        "$cogref" scan -q --endpoint-url "$PROXY_URL" --allow-partial "$@" --out "$work/snap.json"
    stop_proxy
    read -r T rss_kb <"$work/time"
    RSS=$(( rss_kb / 1024 ))
    CALLS=$(stat "$stats" calls)
    THROTTLED=$(stat "$stats" throttled)
}

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
{
    echo "# cogref benchmark"
    echo
    echo "$(date -u +%Y-%m-%d), $machine, latency ${latency} ms per call (scripts/proxy.py)."
    echo
    echo "## Live scan against the sequential baseline"
    echo
    echo "Each N: the sample account + N pools (3 clients, 2 groups, 1 identity provider each)."
    echo "'lifted' = cogref with its quota pacing lifted (--rate-limit 100000): the speed of the"
    echo "code; 'default quotas' = cogref pacing at Cognito's documented default rates, what a"
    echo "real account allows; baseline = boto3, one call at a time (scripts/baseline_scan.py)."
    echo
    echo "| N | baseline s | baseline calls | cogref lifted s | calls | ratio | calls/s | peak MB | cogref default quotas s | throttled |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$results.tmp"

for n in $sizes; do
    echo "== N=$n: seeding" >&2
    start_emulator
    "$py" scripts/seed.py --endpoint "$EMULATOR_URL" --out "$work/ids.json" --extra-pools "$n" --extra-rich >/dev/null

    proxy_args=()
    timed_scan "$work/lifted.json" --rate-limit 100000 --concurrency 32
    t_lifted=$T; calls_lifted=$CALLS; rss_lifted=$RSS

    start_proxy "$EMULATOR_URL" --latency-ms "$latency" --stats "$work/base.json"
    t0=$(date +%s.%N)
    "$py" scripts/baseline_scan.py --endpoint "$PROXY_URL" >"$work/base-out.json"
    t1=$(date +%s.%N)
    stop_proxy
    t_base=$("$py" -c "print(round($t1-$t0, 2))")
    calls_base=$(stat "$work/base.json" calls)

    timed_scan "$work/quota.json"
    t_quota=$T; thr_quota=$THROTTLED

    ratio=$("$py" -c "print(round($t_base/$t_lifted, 1))")
    cps=$("$py" -c "print(round($calls_lifted/$t_lifted))")
    echo "| $n | $t_base | $calls_base | $t_lifted | $calls_lifted | ${ratio}x | $cps | $rss_lifted | $t_quota | $thr_quota |" | tee -a "$results.tmp" >&2

    if [[ "$n" == "$rate_size" ]]; then
        # Rate limit: proxy throttles above R/s per category; cogref told the same R.
        proxy_args=(--rate-limit "$rate")
        timed_scan "$work/rate-$n.json" --rate-limit "$rate"
        echo "rate $n $T $THROTTLED $(stat "$work/rate-$n.json" "rps_by_category") $(stat "$work/rate-$n.json" "max_rps_by_category")" >>"$work/rates"
        proxy_args=()
    fi
    stop_emulator
done

{
    echo
    echo "## Rate limit R = $rate calls/s per API category (proxy throttles above it)"
    echo
    echo "Sustained rate = calls per second between a category's first and last call;"
    echo "max = most calls in any one-second window (must not exceed R)."
    echo
    echo "| N | wall s | throttled | sustained calls/s by category | max in 1 s by category |"
    echo "|---|---|---|---|---|"
    while read -r _ n t thr sustained max; do
        echo "| $n | $t | $thr | $sustained | $max |"
    done <"$work/rates"
} >>"$results.tmp"

echo "== offline: $offline_pools-pool snapshot" >&2
"$py" scripts/grow_snapshot.py tests/fixtures/sample-snapshot.json "$offline_pools" >"$work/big.json"
{
    echo
    echo "## Offline, on a $offline_pools-pool snapshot ($(du -h "$work/big.json" | cut -f1))"
    echo
    echo "| command | wall s | peak MB | exit |"
    echo "|---|---|---|---|"
} >>"$results.tmp"
offline() {
    local label="$1"; shift
    local status=0
    /usr/bin/time -f "%e %M" -o "$work/time" "$cogref" "$@" >/dev/null 2>"$work/err" || status=$?
    # time(1) puts "Command exited with non-zero status N" before the figures.
    read -r t rss_kb < <(tail -n 1 "$work/time")
    echo "| \`$label\` | $t | $(( rss_kb / 1024 )) | $status |" | tee -a "$results.tmp" >&2
}
big="$work/big.json"
offline "ls" ls --snapshot "$big"
offline "drift, snapshot against itself" drift --desired "$big" --snapshot "$big" -q
offline "emit cloudformation" emit cloudformation --snapshot "$big" --out "$work/cfn"
offline "drift, snapshot against the emitted template" drift --desired "$work/cfn/template.json" --snapshot "$big" -q
offline "emit terraform" emit terraform --snapshot "$big" --out "$work/tf"
shop=$("$py" -c "import json;print(next(p['id'] for p in json.load(open('$big'))['user_pools'] if p['name'].startswith('shop-customers')))")
offline "emit outputs" emit outputs --snapshot "$big" --pool "$shop"
offline "emit reference-auth" emit reference-auth --snapshot "$big" --pool "$shop"
offline "check" check --snapshot "$big" --pool "$shop"

mv "$results.tmp" "$results"
echo >&2
cat "$results"
rm -rf "$work"
