#!/usr/bin/env bash
# Benchmark (not a test): cogref scan against a sequential baseline, per-category rate limits,
# the share of the quota lower bound reached, peak memory, a fleet run, and offline drift/emit
# speed on a 1000-pool snapshot. Prints the figures and writes them to bench/results.md.
#
#   scripts/bench.sh [--sizes "10 100 500"] [--latency-ms 50] [--rate 10] [--offline-pools 1000]
#                    [--no-baseline] [--fleet "10 25 50"] [--fleet-pools 20] [--debug]
#                    [--only-fleet]          (COGREF_BIN=path: use that build, build nothing)
#
# The "default quotas" run goes through the proxy enforcing Cognito's default rate of every
# category (--quotas) and the 5 calls/s per operation and user pool (--per-pool-rps 5); its
# "% of bound" is the quota lower bound (for each category, its calls divided by its rate; the
# largest of these) divided by the wall time: 100% is a scan that keeps its busiest category
# at its quota from the first call to the last.
#
# --fleet COUNTS: the emulator also serves an organization of max(COUNTS) member accounts with
# --fleet-pools pools each (scripts/seed.py --fleet); for each count A, `cogref scan --accounts`
# reads A of them (A in flight) through the proxy, every account paced by its own quotas
# (the proxy keeps its windows per access key, i.e. per assumed-role session). Printed: fleet
# wall time, one account read alone, parallel efficiency (alone / fleet), peak RSS.
# --debug uses target/debug/cogref (no release build) and says so in the results.
#
# For each size N the emulator is seeded with the sample account plus N pools, each with 3
# clients, 2 groups and an identity provider. Our proxy (scripts/proxy.py) adds latency per call
# (a real region answers in tens of ms) and, in the rate run, throttles above R calls/s per API
# quota category like Cognito does.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

sizes="10 100 500"; latency=50; rate=10; offline_pools=1000
baseline=1; fleet=""; fleet_pools=20; profile=release
while [[ $# -gt 0 ]]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --latency-ms) latency="$2"; shift 2 ;;
        --rate) rate="$2"; shift 2 ;;
        --offline-pools) offline_pools="$2"; shift 2 ;;
        --no-baseline) baseline=0; shift ;;
        --fleet) fleet="$2"; shift 2 ;;
        --fleet-pools) fleet_pools="$2"; shift 2 ;;
        --only-fleet) sizes=""; offline_pools=0; shift ;;
        --debug) profile=debug; shift ;;
        *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

# The rate-limit run happens at one size: 100 if measured, else the largest.
rate_size=$(echo $sizes | tr ' ' '\n' | grep -x 100 || echo $sizes | awk '{print $NF}')

bash scripts/venv.sh
if [[ -n "${COGREF_BIN:-}" ]]; then
    profile="${COGREF_PROFILE:-debug}"  # COGREF_BIN: a cogref built beforehand (COGREF_PROFILE: which)
    cogref="$COGREF_BIN"
else
    echo "building cogref ($profile)..." >&2
    if [[ "$profile" == release ]]; then cargo build --release --quiet; else cargo build --quiet; fi
    cogref="$root/target/$profile/cogref"
fi
py="$root/.venv/bin/python"
work="$(mktemp -d -t cogref-bench.XXXXXX)"
mkdir -p bench
results="$root/bench/results.md"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

source scripts/emulator.sh

# stat FILE EXPR: a value from a proxy stats file; dicts as compact JSON (one word for `read`)
stat() { "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2], {}, d); print(json.dumps(v, separators=(',', ':')) if isinstance(v, (dict, list)) else v)" "$@"; }

# bound STATS [R]: the quota lower bound in seconds: for each paced category, its calls divided
# by its rate (R for every category, or quotas.json's default); the largest. Then the category.
bound() {
    "$py" - "$@" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
table = json.load(open("src/aws/quotas.json"))["categories"]
uniform = float(sys.argv[2]) if len(sys.argv) > 2 else None
best = max((n / (uniform or table[c]["rps"]), c) for c, n in stats["calls_by_category"].items() if c in table)
print(round(best[0], 2), best[1])
PY
}
pct() { "$py" -c "import sys; print(round(100 * float(sys.argv[1]) / float(sys.argv[2]), 1))" "$1" "$2"; }

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
    echo "$(date -u +%Y-%m-%d), $machine, latency ${latency} ms per call (scripts/proxy.py), cogref $profile build$( [[ $profile == debug ]] && echo ' (no release build: figures bound by the emulator or quotas are unaffected; CPU-bound ones are slower than release)')."
    echo
    echo "## Live scan against the sequential baseline"
    echo
    echo "Each N: the sample account + N pools (3 clients, 2 groups, 1 identity provider each)."
    echo "'lifted' = cogref with its quota pacing lifted (--rate-limit 100000): the speed of the"
    echo "code; 'default quotas' = cogref pacing at Cognito's documented default rates, what a"
    echo "real account allows, through the proxy enforcing them (per category and 5/s per pool and"
    echo "operation); bound = the quota lower bound (busiest category's calls / its rate);"
    echo "baseline = boto3, one call at a time (scripts/baseline_scan.py)."
    echo
    echo "load = the machine's 1-minute load average when the default-quotas run started (other"
    echo "work on the same cores delays calls and their arrival, which costs pacing)."
    echo
    echo "| N | baseline s | baseline calls | cogref lifted s | calls | ratio | calls/s | peak MB | cogref default quotas s | throttled | bound s (category) | % of bound | load |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$results.tmp"

for n in $sizes; do
    echo "== N=$n: seeding" >&2
    start_emulator
    "$py" scripts/seed.py --endpoint "$EMULATOR_URL" --out "$work/ids.json" --extra-pools "$n" --extra-rich >/dev/null

    proxy_args=()
    timed_scan "$work/lifted.json" --rate-limit 100000 --concurrency 32
    t_lifted=$T; calls_lifted=$CALLS; rss_lifted=$RSS

    if [[ $baseline == 1 ]]; then
        start_proxy "$EMULATOR_URL" --latency-ms "$latency" --stats "$work/base.json"
        t0=$(date +%s.%N)
        "$py" scripts/baseline_scan.py --endpoint "$PROXY_URL" >"$work/base-out.json"
        t1=$(date +%s.%N)
        stop_proxy
        t_base=$("$py" -c "print(round($t1-$t0, 2))")
        calls_base=$(stat "$work/base.json" calls)
        ratio="$("$py" -c "print(round($t_base/$t_lifted, 1))")x"
    else
        t_base="-"; calls_base="-"; ratio="-"
    fi

    proxy_args=(--quotas --per-pool-rps 5)
    load=$(cut -d' ' -f1 /proc/loadavg)
    timed_scan "$work/quota.json"
    proxy_args=()
    t_quota=$T; thr_quota=$THROTTLED
    echo "   default quotas: throttled by category $(stat "$work/quota.json" throttled_by_category), max in 1 s $(stat "$work/quota.json" max_rps_by_category), max per pool and operation $(stat "$work/quota.json" max_rps_per_pool_operation)" >&2
    read -r b_quota b_cat < <(bound "$work/quota.json")

    cps=$("$py" -c "print(round($calls_lifted/$t_lifted))")
    echo "| $n | $t_base | $calls_base | $t_lifted | $calls_lifted | $ratio | $cps | $rss_lifted | $t_quota | $thr_quota | $b_quota ($b_cat) | $(pct "$b_quota" "$t_quota") | $load |" | tee -a "$results.tmp" >&2

    if [[ "$n" == "$rate_size" ]]; then
        # Rate limit: proxy throttles above R/s per category; cogref told the same R.
        proxy_args=(--rate-limit "$rate")
        timed_scan "$work/rate-$n.json" --rate-limit "$rate"
        read -r b_rate _ < <(bound "$work/rate-$n.json" "$rate")
        echo "rate $n $T $THROTTLED $b_rate $(pct "$b_rate" "$T") $(stat "$work/rate-$n.json" "rps_by_category") $(stat "$work/rate-$n.json" "max_rps_by_category")" >>"$work/rates"
        proxy_args=()
    fi
    stop_emulator
done

if [[ -s "$work/rates" ]]; then
{
    echo
    echo "## Rate limit R = $rate calls/s per API category (proxy throttles above it)"
    echo
    echo "Sustained rate = calls per second between a category's first and last call;"
    echo "max = most calls in any one-second window (must not exceed R)."
    echo
    echo "| N | wall s | throttled | bound s | % of bound | sustained calls/s by category | max in 1 s by category |"
    echo "|---|---|---|---|---|---|---|"
    while read -r _ n t thr b p sustained max; do
        echo "| $n | $t | $thr | $b | $p | $sustained | $max |"
    done <"$work/rates"
} >>"$results.tmp"
fi

if [[ -n "$fleet" ]]; then
    most=$(echo $fleet | tr ' ' '\n' | sort -n | tail -n 1)
    echo "== fleet: seeding $most accounts x $fleet_pools pools" >&2
    start_emulator
    t0=$(date +%s.%N)
    "$py" scripts/seed.py --endpoint "$EMULATOR_URL" --out "$work/fleet-ids.json" --fleet "$most" --fleet-pools "$fleet_pools" >/dev/null
    seed_s=$("$py" -c "import time; print(round(time.time() - $t0))")
    mapfile -t members < <("$py" -c "import json,sys; print('\n'.join(sorted(a for a in json.load(open(sys.argv[1]))['fleet']['accounts'])))" "$work/fleet-ids.json")
    {
        echo
        echo "## Fleet: accounts x $fleet_pools pools, each account paced by its own quotas"
        echo
        echo "The emulator (one moto process) serves an organization of $most member accounts with"
        echo "$fleet_pools user pools each (seeding took ${seed_s} s). The proxy adds ${latency} ms per call and"
        echo "enforces Cognito's default quotas per account (--quotas --per-pool-rps 5, windows per"
        echo "access key). 'alone' = account ${members[0]} read by itself; efficiency = alone / fleet."
        echo "Slowest in fleet = first to last call of the slowest account during the fleet run."
        echo
        echo "Peak memory is measured twice: with every account in flight (it grows with the accounts"
        echo "in flight), and with --accounts-in-flight 10 (what must stay flat in the fleet's size)."
        echo
        echo "| accounts | all in flight: wall s | alone s | efficiency | slowest account in fleet s | accounts read | calls | throttled | peak MB | 10 in flight: wall s | peak MB |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|"
    } >>"$results.tmp"
    fleet_scan() {
        local stats="$1"; shift
        rm -rf "$work/fleet-out"
        start_proxy "$EMULATOR_URL" --latency-ms "$latency" --quotas --per-pool-rps 5 --stats "$stats"
        /usr/bin/time -f "%e %M" -o "$work/time" \
            "$cogref" scan -q --endpoint-url "$PROXY_URL" --assume-role cogref-read "$@" --out "$work/fleet-out" || true
        stop_proxy
        read -r T rss_kb < <(tail -n 1 "$work/time")
        RSS=$(( rss_kb / 1024 ))
    }
    fleet_scan "$work/alone.json" --accounts "${members[0]}"
    t_alone=$T
    for a in $fleet; do
        ids=$(IFS=,; echo "${members[*]:0:$a}")
        fleet_scan "$work/fleet-$a.json" --accounts "$ids" --accounts-in-flight "$a"
        t_all=$T; rss_all=$RSS
        slowest=$(stat "$work/fleet-$a.json" "max(account_seconds)")
        read_ok=$("$py" -c "import json,sys; print(sum(a['status'] == 'ok' for a in json.load(open(sys.argv[1]))['accounts']))" "$work/fleet-out/index.json")
        fleet_scan "$work/fleet10-$a.json" --accounts "$ids" --accounts-in-flight 10
        echo "| $a | $t_all | $t_alone | $(pct "$t_alone" "$t_all")% | $slowest | $read_ok/$a | $(stat "$work/fleet-$a.json" calls) | $(stat "$work/fleet-$a.json" throttled) | $rss_all | $T | $RSS |" | tee -a "$results.tmp" >&2
    done
    stop_emulator
fi

if [[ "$offline_pools" -gt 0 ]]; then
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
fi

mv "$results.tmp" "$results"
echo >&2
cat "$results"
rm -rf "$work"
