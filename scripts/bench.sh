#!/usr/bin/env bash
# Benchmark (not a test): cogref scan against a sequential baseline, per-category rate limits,
# the share of the quota lower bound reached, peak memory, a fleet run, and offline drift/emit
# speed on a 1000-pool snapshot. Prints the figures and writes them to bench/results.md.
#
#   scripts/bench.sh [--sizes "10 100 500"] [--latency-ms 50] [--rate 10] [--offline-pools 1000]
#                    [--no-baseline] [--fleet "10 25 50"] [--fleet-pools 20] [--debug]
#                    [--only-fleet]          (COGREF_BIN=path: use that build, build nothing)
#   --only-fleet replaces only the fleet section of bench/results.md.
#
# The "default quotas" run goes through the proxy enforcing Cognito's default rate of every
# category (--quotas) and the 5 calls/s per operation and user pool (--per-pool-rps 5); its
# "% of bound" is the quota lower bound (for each category, its calls divided by its rate; the
# largest of these) divided by the wall time: 100% is a scan that keeps its busiest category
# at its quota from the first call to the last.
#
# --fleet COUNTS: the emulator also serves an organization of max(COUNTS) member accounts with
# --fleet-pools pools each (scripts/seed.py --fleet). One account alone and all of them in flight
# are read through the proxy in front of the emulator (the old figure, bound by moto's one
# process); a run of its own with 4 accounts in flight records the answers (proxy.py --record)
# and must read every account ok. Then scripts/replay.py answers the
# recording with the same latency and per-account quotas, and for each count A `cogref scan
# --accounts` reads A accounts with all A in flight and with --accounts-in-flight at its default;
# every replayed snapshot must equal the recorded one. Printed: fleet wall time, one account
# read alone, parallel efficiency (alone / fleet), peak RSS, CPU of cogref and of the servers.
# With a release build, the largest fleet is also read by target/debug/cogref when it exists.
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
    # --accounts-in-flight's default, as this build declares it
    default_flight=$("$cogref" scan --help | awk '/--accounts-in-flight/{f=1} f && /default: [0-9]+/{match($0, /default: [0-9]+/); print substr($0, RSTART + 9, RLENGTH - 9); exit}')
    quota_args=(--latency-ms "$latency" --quotas --per-pool-rps 5)
    # cpu PID: user + system CPU seconds the process has used so far (all its threads)
    cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
    add() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a + b}'; }
    # start_replay ARGS: scripts/replay.py in the proxy's place (PROXY_URL, PROXY_PID; stop_proxy)
    start_replay() {
        local fifo
        fifo="$(mktemp -u -t cogref-replay-url.XXXXXX)"
        mkfifo "$fifo"
        "$py" scripts/replay.py --recording "$work/recording.json" "$@" >"$fifo" &
        PROXY_PID=$!
        read -r -t 120 line <"$fifo" || { rm -f "$fifo"; echo "replay did not start" >&2; return 1; }
        rm -f "$fifo"
        PROXY_URL="${line#COGREF_PROXY_URL=}"
    }
    # fleet_run SERVER STATS OUT [cogref args]: one fleet scan through the proxy in front of the
    # emulator (SERVER=emulator; with RECORD set, the proxy records the answers) or through the
    # replay server (SERVER=replay). Sets T, RSS, CPU_COGREF, CPU_SERVER (emulator + proxy, or
    # replay), LOAD (1-minute load average at the end).
    fleet_run() {
        local server="$1" stats="$2" out="$3" bin="${COGREF_RUN:-$cogref}" emu0=0; shift 3
        rm -rf "$out"
        if [[ "$server" == emulator ]]; then
            start_proxy "$EMULATOR_URL" "${quota_args[@]}" --stats "$stats" ${RECORD:+--record "$RECORD"}
            emu0=$(cpu "$EMULATOR_PID")
        else
            start_replay "${quota_args[@]}" --stats "$stats"
        fi
        local cpu0; cpu0=$(cpu "$PROXY_PID")
        /usr/bin/time -f "%e %M %U %S" -o "$work/time" \
            "$bin" scan -q --endpoint-url "$PROXY_URL" --assume-role cogref-read "$@" --out "$out" || true
        CPU_SERVER=$(awk -v a="$(cpu "$PROXY_PID")" -v b="$cpu0" 'BEGIN{printf "%.2f", a - b}')
        CPU_EMU=""
        if [[ "$server" == emulator ]]; then
            CPU_EMU=$(awk -v a="$(cpu "$EMULATOR_PID")" -v b="$emu0" 'BEGIN{printf "%.2f", a - b}')
            CPU_PROXY=$CPU_SERVER
            CPU_SERVER="$CPU_EMU + $CPU_PROXY"
        fi
        LOAD=$(cut -d' ' -f1 /proc/loadavg)
        stop_proxy
        read -r T rss_kb u s < <(tail -n 1 "$work/time")
        RSS=$(( rss_kb / 1024 ))
        CPU_COGREF=$(add "$u" "$s")
    }
    # same OUT: the accounts of the run that read ok have the recorded run's snapshot (captured_at
    # aside); prints "equal/ok"; exits when one differs (the replay would be wrong). An account
    # not read ok (e.g. throttled past the SDK's retries) shows in the "read ok" column.
    same() {
        "$py" - "$work/fleet-recorded" "$1" <<'PY'
import json, os, sys
rec, got = sys.argv[1], sys.argv[2]
def load(d, name):
    doc = json.load(open(os.path.join(d, name)))
    doc.pop("captured_at", None)
    return doc
index = [a for a in json.load(open(os.path.join(got, "index.json")))["accounts"] if a["status"] == "ok"]
bad = [a["account_id"] for a in index if load(rec, a["snapshot"]) != load(got, a["snapshot"])]
print(f"{len(index) - len(bad)}/{len(index)}")
if bad:
    sys.exit(f"bench.sh: replayed snapshots differ from the recorded run's: {bad}")
PY
    }
    rows="$work/fleet-rows"; : >"$rows"
    # row SERVER A FLIGHT ALONE STATS OUT BUILD: one table line from the last fleet_run
    row() {
        local server="$1" a="$2" flight="$3" alone="$4" stats="$5" out="$6" build="$7" eq="-" extra=""
        if [[ "$server" == replay ]]; then
            local missing; missing=$(stat "$stats" unrecorded)
            [[ "$missing" == 0 ]] || { echo "bench.sh: $missing requests had no recorded answer (see above)" >&2; exit 1; }
            eq=$(same "$out")
        fi
        local ok; ok=$("$py" -c "import json,sys; print(sum(a['status'] == 'ok' for a in json.load(open(sys.argv[1]))['accounts']))" "$out/index.json")
        # with F accounts in flight, A accounts cannot take less than ceil(A/F) x alone
        local rounds=$(( (a + flight - 1) / flight ))
        local bound; bound=$(awk -v r="$rounds" -v t="$alone" 'BEGIN{printf "%.2f", r * t}')
        [[ "$server" == replay ]] && extra=" ($(stat "$stats" connections) conn, lag p99 $(stat "$stats" "loop_lag_ms['p99']") ms)"
        echo "| $server | $build | $a | $flight | $T | $alone | $(pct "$alone" "$T")% | $(pct "$bound" "$T")% | $(stat "$stats" "max(v for k, v in seconds_by_account.items() if k.rpartition(':')[2] != '$AWS_ACCESS_KEY_ID')") | $ok/$a | $eq | $(stat "$stats" calls) | $(stat "$stats" throttled) | $RSS | $CPU_COGREF | $CPU_SERVER$extra | $LOAD |" | tee -a "$rows" >&2
    }

    # 1. What it was: the bare emulator (one moto process) behind proxy.py. The answers for the
    #    replay are recorded in a run of their own with few accounts in flight, so that moto
    #    keeps up and every account is read ok (a call the recording misses could not be
    #    replayed); then every account in flight, the figure the emulator gives.
    echo "== fleet: bare emulator (recording $most accounts)" >&2
    fleet_run emulator "$work/bare-alone.json" "$work/bare-alone" --accounts "${members[0]}"
    t_bare_alone=$T
    row emulator 1 1 "$t_bare_alone" "$work/bare-alone.json" "$work/bare-alone" "$profile"
    ids=$(IFS=,; echo "${members[*]:0:$most}")
    RECORD="$work/recording.json" fleet_run emulator "$work/record-run.json" "$work/fleet-recorded" \
        --accounts "$ids" --accounts-in-flight 4
    recorded_ok=$("$py" -c "import json,sys; print(sum(a['status'] == 'ok' for a in json.load(open(sys.argv[1]))['accounts']))" "$work/fleet-recorded/index.json")
    [[ "$recorded_ok" == "$most" ]] || { echo "bench.sh: the recording run read $recorded_ok/$most accounts ok (see $work/fleet-recorded/index.json); cannot replay the others" >&2; exit 1; }
    fleet_run emulator "$work/bare-$most.json" "$work/fleet-bare" \
        --accounts "$ids" --accounts-in-flight "$most"
    row emulator "$most" "$most" "$t_bare_alone" "$work/bare-$most.json" "$work/fleet-bare" "$profile"
    b_T=$T; b_emu=$CPU_EMU; b_proxy=$CPU_PROXY; b_cogref=$CPU_COGREF; b_load=$LOAD
    stop_emulator
    conflicts=$(stat "$work/recording.json" conflicts)
    [[ "$conflicts" == 0 ]] || { echo "bench.sh: the emulator answered the same request differently $conflicts times; cannot replay" >&2; exit 1; }

    # 2. The replay: the same answers, latency and quotas, from a server that keeps up.
    echo "== fleet: replay" >&2
    fleet_run replay "$work/alone.json" "$work/alone" --accounts "${members[0]}"
    t_alone=$T
    row replay 1 1 "$t_alone" "$work/alone.json" "$work/alone" "$profile"
    for a in $fleet; do
        ids=$(IFS=,; echo "${members[*]:0:$a}")
        for flight in "$a" "$default_flight"; do
            [[ "$flight" -gt "$a" ]] && continue
            fleet_run replay "$work/fleet-$a-$flight.json" "$work/fleet-$a-$flight" --accounts "$ids" --accounts-in-flight "$flight"
            row replay "$a" "$flight" "$t_alone" "$work/fleet-$a-$flight.json" "$work/fleet-$a-$flight" "$profile"
            if [[ "$a" == "$most" && "$flight" == "$most" ]]; then
                r_T=$T; r_cpu=$CPU_SERVER; r_cogref=$CPU_COGREF; r_load=$LOAD; r_rss=$RSS
            fi
            if [[ "$a" == "$most" && "$flight" == "$default_flight" ]]; then f_T=$T; fi
            [[ "$flight" == "$a" && "$a" == "$default_flight" ]] && break
        done
    done
    # the debug build on the largest fleet, when there is one, for the CPU it costs
    if [[ "$profile" == release && -x "$root/target/debug/cogref" ]]; then
        ids=$(IFS=,; echo "${members[*]:0:$most}")
        COGREF_RUN="$root/target/debug/cogref" fleet_run replay "$work/debug-$most.json" "$work/debug-$most" \
            --accounts "$ids" --accounts-in-flight "$most"
        row replay "$most" "$most" "$t_alone" "$work/debug-$most.json" "$work/debug-$most" debug
        d_T=$T; d_cogref=$CPU_COGREF
    fi
    # Where the time goes, from the runs above (per call: microseconds of CPU)
    us() { awk -v c="$1" -v n="$2" 'BEGIN{printf "%d", 1e6 * c / n}'; }
    share() { awk -v c="$1" -v w="$2" 'BEGIN{printf "%d", 100 * c / w}'; }
    b_calls=$(stat "$work/bare-$most.json" calls); r_calls=$(stat "$work/fleet-$most-$most.json" calls)
    r_thr=$(stat "$work/fleet-$most-$most.json" throttled); r_conn=$(stat "$work/fleet-$most-$most.json" connections)
    r_slow=$(stat "$work/fleet-$most-$most.json" "max(v for k, v in seconds_by_account.items() if k.rpartition(':')[2] != '$AWS_ACCESS_KEY_ID')")
    a_calls=$(stat "$work/alone.json" calls)
    read -r a_bound a_cat < <(bound "$work/alone.json")
    a_cat_calls=$(stat "$work/alone.json" "calls_by_category['$a_cat']")
    {
        echo "### Where the time goes (measured in the runs above)"
        echo
        echo "- **One account** is bound by its quotas: $a_calls calls, quota lower bound ${a_bound} s"
        echo "  ($a_cat_calls $a_cat calls at its rate); read alone in ${t_alone} s on the replay,"
        echo "  ${t_bare_alone} s on the emulator. Of its calls, 2 are the fleet's own per account"
        echo "  (AssumeRole, then GetCallerIdentity), one after the other before the scan: 2 x ${latency} ms."
        echo "- **Bare emulator, $most accounts in flight**: ${b_T} s for $b_calls calls"
        echo "  ($(awk -v n="$b_calls" -v t="$b_T" 'BEGIN{printf "%d", n / t}') calls/s). CPU: emulator ${b_emu} s ($(share "$b_emu" "$b_T")% of one core;"
        echo "  one Python process, one GIL), proxy ${b_proxy} s, cogref ${b_cogref} s; load ${b_load}. Each"
        echo "  account's quotas are its own, so the fleet could take ~${t_alone} s; the same calls replayed"
        echo "  below took ${r_T} s: the difference is the emulator's (and the threaded proxy's)."
        echo "- **Replay, the same $most accounts**: ${r_T} s for $r_calls calls ($(awk -v n="$r_calls" -v t="$r_T" 'BEGIN{printf "%d", n / t}') calls/s). CPU:"
        echo "  replay server ${r_cpu} s ($(us "$r_cpu" "$r_calls") us per call, $(share "$r_cpu" "$r_T")% of one core: not the bound),"
        echo "  cogref ($profile) ${r_cogref} s ($(us "$r_cogref" "$r_calls") us per call); load ${r_load}. cogref opened"
        echo "  $r_conn TCP connections for $r_calls calls (HTTP/1.1: one per call in flight, then reused)."
        echo "  The fleet takes as long as its slowest account: ${r_slow} s (first to last call) against"
        echo "  ${t_alone} s alone. $r_thr calls were throttled and retried, paced, by cogref's limiter (the"
        echo "  quota windows count arrivals; with the machine's load at ${r_load}, calls cogref paces"
        echo "  evenly can reach the server bunched; the replay's event loop woke late by"
        echo "  $(stat "$work/fleet-$most-$most.json" "loop_lag_ms['p99']") ms at p99, $(stat "$work/fleet-$most-$most.json" "loop_lag_ms['max']") ms at most). Accounts read ok: $(grep -c '"status": "ok"' "$work/fleet-$most-$most/index.json" || true)/$most."
        if [[ -n "${d_T:-}" ]]; then
            echo "- **Debug build** on the same replay: ${d_T} s, cogref CPU ${d_cogref} s ($(us "$d_cogref" "$r_calls") us per call,"
            echo "  $(awk -v d="$d_cogref" -v r="$r_cogref" 'BEGIN{printf "%.1f", d / r}')x the release build's, $(share "$d_cogref" "$d_T")% of one core over the run): a debug figure"
            echo "  measures the debug build's CPU, not the fleet."
        fi
        echo "- **--accounts-in-flight $default_flight** (the default): $most accounts take ceil($most/$default_flight) rounds of"
        echo "  one account: ${f_T:-?} s. Peak memory follows the accounts in flight, not the fleet's size"
        echo "  (peak MB above: flat at $default_flight in flight; ${r_rss} MB with all $most in flight)."
    } >"$work/fleet-why"
    {
        echo
        echo "## Fleet: accounts x $fleet_pools pools, each account paced by its own quotas"
        echo
        echo "$(date -u +%Y-%m-%d), $machine, cogref $profile build."
        echo
        echo "An organization of $most member accounts with $fleet_pools user pools each (seeded in ${seed_s} s),"
        echo "read with \`cogref scan --accounts ... --assume-role cogref-read\`. Every call waits ${latency} ms"
        echo "and is held to Cognito's default quotas per account (--quotas --per-pool-rps 5)."
        echo
        echo "- server 'emulator': one moto process behind scripts/proxy.py (what the fleet figure used"
        echo "  to measure). A run of its own with 4 accounts in flight records the answers (proxy.py --record)."
        echo "- server 'replay': scripts/replay.py answers that recording (the emulator's own answers;"
        echo "  same latency, same quota code and table), so the scan is the same scan; '= recorded'"
        echo "  checks it: each account read ok and its snapshot equal to the recorded one (captured_at"
        echo "  aside). Its CPU is printed, with the TCP connections cogref opened."
        echo "- efficiency = alone / fleet wall (alone = account ${members[0]} read by itself on the same"
        echo "  server). With F in flight, A accounts need at least ceil(A/F) x alone: 'of F bound' ="
        echo "  that bound / fleet wall. --accounts-in-flight defaults to $default_flight."
        echo "- CPU s = user + system seconds during the run (cogref from time(1); servers from"
        echo "  /proc/PID/stat: 'emulator + proxy' or the replay server); load = 1-minute load average"
        echo "  at the end of the run (the machine has $(nproc) cores shared with other builds)."
        echo
        echo "| server | cogref build | accounts | in flight | wall s | alone s | efficiency | of F bound | slowest account s | read ok | = recorded | calls | throttled | peak MB | cogref CPU s | server CPU s | load |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        cat "$rows"
        echo
        cat "$work/fleet-why"
    } >>"$results.tmp"
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

if [[ -z "$sizes" && "$offline_pools" -eq 0 && -f "$results" ]]; then
    # --only-fleet: replace only the fleet section of the existing results (the others stay)
    "$py" - "$results" "$results.tmp" <<'PY'
import re, sys
old, new = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
section = re.compile(r"\n## Fleet:.*?(?=\n## |\Z)", re.S)
fleet = section.search(new)
if fleet:
    old = section.sub(lambda _: fleet.group(0), old, count=1) if section.search(old) else old.rstrip("\n") + "\n" + fleet.group(0)
open(sys.argv[2], "w", encoding="utf-8").write(old)
PY
fi
mv "$results.tmp" "$results"
echo >&2
cat "$results"
rm -rf "$work"
