"""Makes a large snapshot for offline benchmarks: the sample fixture's user pools cloned until
there are N, each clone with its own ids, names and client ids, identity pools relinked.

    python scripts/grow_snapshot.py tests/fixtures/sample-snapshot.json 1000 > big.json
"""

import copy
import json
import sys


def main() -> int:
    src, n = sys.argv[1], int(sys.argv[2])
    snap = json.load(open(src, encoding="utf-8"))
    base_pools = snap["user_pools"]
    base_ips = snap["identity_pools"]
    pools, ips = [], []
    for i in range(n):
        b = base_pools[i % len(base_pools)]
        p = copy.deepcopy(b)
        suffix = f"{i:06d}"
        old_id = b["id"]
        p["id"] = f"{p['region']}_bench{suffix}"
        p["name"] = f"{b['name']}-{suffix}"
        p["arn"] = b["arn"].replace(old_id, p["id"])
        if p.get("domain"):
            p["domain"]["domain"] = f"{p['domain']['domain']}-{suffix}"
        id_map = {}
        for c in p["clients"]:
            new = f"c{suffix}{c['id'][:19]}"
            id_map[c["id"]] = new
            c["id"] = new
        pools.append(p)
        for ip in base_ips:
            if any(pr.get("user_pool_id") == old_id for pr in ip["cognito_identity_providers"]):
                q = copy.deepcopy(ip)
                q["id"] = f"{ip['region']}:00000000-0000-4000-8000-{i:012d}"
                q["name"] = f"{ip['name']}_{suffix}"
                for pr in q["cognito_identity_providers"]:
                    pr["provider_name"] = pr["provider_name"].replace(old_id, p["id"])
                    pr["user_pool_id"] = p["id"]
                    pr["client_id"] = id_map.get(pr["client_id"], pr["client_id"])
                q["role_mappings"] = {
                    k.replace(old_id, p["id"]).replace(k.rsplit(":", 1)[-1], id_map.get(k.rsplit(":", 1)[-1], k.rsplit(":", 1)[-1])): v
                    for k, v in q["role_mappings"].items()
                }
                ips.append(q)
    snap["user_pools"] = sorted(pools, key=lambda p: p["id"])
    snap["identity_pools"] = sorted(ips, key=lambda p: p["id"])
    json.dump(snap, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
