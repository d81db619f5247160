"""Where a scan loses time against its quotas: a per-category timeline of the calls our proxy admits.

Owns: recording, for a run of scripts/proxy.py, the arrival of every call (time, quota category,
operation, admitted or throttled), and reporting per category when it started and finished, its
share of the quota bound, its longest idle gaps and its calls per second, so one can see
whether the busiest category ever waits (for listing at the start, for IAM at the end, for a
per-pool window, for a throttled call's retry). It does not change proxy.py: it runs it with
its admission step wrapped.

    python scripts/pacing_timeline.py record FILE -- [proxy.py arguments...]
        serve as scripts/proxy.py does (same arguments, same COGREF_PROXY_URL line); on
        SIGTERM write the arrivals to FILE (JSON list of [seconds, category, operation,
        pool, admitted])
    python scripts/pacing_timeline.py report FILE
        print the timeline of each category (seconds from the first call)

A benchmark helper, not a test.
"""

from __future__ import annotations

import collections
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QUOTAS = os.path.join(os.path.dirname(HERE), "src", "aws", "quotas.json")


def record(path: str, proxy_args: list[str]) -> int:
    sys.path.insert(0, HERE)
    import proxy  # scripts/proxy.py

    arrivals = []
    admit = proxy.State.admit

    def admit_and_record(self, category, account="", op="", pool=None):
        ok = admit(self, category, account, op, pool)
        arrivals.append((time.monotonic(), category, op, pool, ok))
        return ok

    proxy.State.admit = admit_and_record
    sys.argv = ["proxy.py", *proxy_args]
    try:
        return proxy.main()
    finally:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(arrivals, f)


def report(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        arrivals = json.load(f)
    if not arrivals:
        print("no calls")
        return 0
    with open(QUOTAS, encoding="utf-8") as f:
        rates = {c: spec["rps"] for c, spec in json.load(f)["categories"].items()}
    t0 = min(a[0] for a in arrivals)
    by = collections.defaultdict(list)
    for t, category, op, _pool, ok in arrivals:
        by[category].append((t - t0, ok, op))
    span = max(a[0] for a in arrivals) - t0
    throttled = sum(1 for a in arrivals if not a[4])
    print(f"{len(arrivals)} calls over {span:.2f} s (first to last arrival), {throttled} throttled")
    busiest = max(
        ((sum(1 for _, ok, _ in xs if ok) / rates[c], c) for c, xs in by.items() if c in rates),
        default=(0, ""),
    )
    print(f"quota bound {busiest[0]:.2f} s ({busiest[1]})")
    for category, calls in sorted(by.items()):
        ok = [t for t, admitted, _ in calls if admitted]
        if not ok:
            continue
        rate = rates.get(category)
        bound = f"{len(ok) / rate:6.2f}" if rate else "     -"
        gaps = sorted(((ok[i + 1] - ok[i], ok[i]) for i in range(len(ok) - 1)), reverse=True)[:3]
        print(
            f"{category:24s} calls {len(ok):5d} throttled {len(calls) - len(ok):3d} "
            f"first {ok[0]:6.2f} last {ok[-1]:6.2f} bound {bound} "
            f"longest gaps {', '.join(f'{g:.2f} s at {at:.2f}' for g, at in gaps)}"
        )
        if category == busiest[1]:
            per_second = collections.Counter(int(t) for t in ok)
            print("    calls per second:", " ".join(str(per_second.get(i, 0)) for i in range(int(ok[-1]) + 1)))
    for t, category, op, pool, ok in arrivals:
        if not ok:
            print(f"throttled at {t - t0:7.3f}: {category} {op} {pool or ''}")
    return 0


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "report":
        return report(sys.argv[2])
    if len(sys.argv) >= 4 and sys.argv[1] == "record" and sys.argv[3] == "--":
        return record(sys.argv[2], sys.argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
