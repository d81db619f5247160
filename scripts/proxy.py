"""A fault-injecting, latency-adding, rate-limiting HTTP proxy of ours, for tests and benchmarks.

Owns: standing between cogref and the local emulator on 127.0.0.1 (never another address) and
making the emulator behave like a real, imperfect AWS region:
  * --latency-ms N     add N ms to every call (a real region answers in tens of ms);
  * --rate-limit R     at most R calls per second per API quota category, as Cognito enforces
                       per account; above it the service's throttling error is returned
                       (TooManyRequestsException for Cognito JSON APIs, Throttling XML for IAM);
  * --quotas           instead, each category's own default rate from src/aws/quotas.json;
  * --per-pool-rps N   also at most N calls per second per operation and user pool for the
                       operations of UserPoolResourceRead and UserPoolClientRead (Cognito: 5);
                       every window is kept per account (the request's access key id: one per
                       assumed-role session), so a fleet run gets each account its own quota;
  * --faults FILE      inject faults by rule (JSON list), each rule
                       {"operation": "DescribeUserPool" | "*", "contains": "text in the body",
                        "fault": "throttle" | "unavailable" | "drop" | "access_denied" | "hang"
                                 | "garbage", "times": N (default: always)};
  * --record FILE      write every answer the emulator gives (not the proxy's own throttles or
                       faults) to FILE on exit, keyed by account, operation and request body, for
                       scripts/replay.py to answer the same scan again without the emulator
                       (the account of a request is learnt from the AssumeRole answers that
                       hand out its access key; the source credentials are "source:<key id>");
  * --stats FILE       on exit, write {"calls": n, "throttled": n, "faulted": n,
                       "by_operation": {...}, "max_rps_by_category": {...} (most calls of one account in
                       any one-second window), "rps_by_category": {...} (sustained rate),
                       "calls_by_category", "account_seconds" (first to last call per access key, sorted),
                       "seconds_by_account" (the same by access key)} as JSON.

    python scripts/proxy.py --upstream URL [--port N] [--latency-ms N] [--rate-limit R]
                            [--quotas] [--per-pool-rps N] [--faults FILE] [--stats FILE]
                            [--record FILE]

Prints `COGREF_PROXY_URL=http://127.0.0.1:<port>` when ready; serves until SIGTERM/SIGINT.
Operation categories come from src/aws/quotas.json, the same table cogref's limiter uses.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import re
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HOST = "127.0.0.1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUOTAS = os.path.join(ROOT, "src", "aws", "quotas.json")
HANG_SECONDS = 30  # a hung call answers nothing for this long, then the connection closes


def load_table() -> dict:
    with open(QUOTAS, encoding="utf-8") as f:
        return json.load(f)["categories"]


def load_categories() -> dict[str, str]:
    """operation -> quota category, from the table cogref embeds."""
    return {op: cat for cat, spec in load_table().items() for op in spec["operations"]}


# Categories whose operations Cognito also limits per user pool (quotas.json "source").
PER_POOL_CATEGORIES = ("UserPoolResourceRead", "UserPoolClientRead")


def access_key(headers) -> str:
    """The access key id a request is signed with: one per account (per assumed-role session)."""
    auth = headers.get("Authorization", "")
    if "Credential=" in auth:
        return auth.split("Credential=", 1)[1].split("/", 1)[0]
    return ""


def pool_of(body: bytes) -> str | None:
    try:
        return json.loads(body or b"{}").get("UserPoolId")
    except (ValueError, AttributeError):
        return None


def identify(headers, body: bytes) -> tuple[str, str]:
    """(service, operation) of a request: X-Amz-Target for JSON APIs, Action= for query APIs."""
    target = headers.get("X-Amz-Target", "")
    if target:
        prefix, _, op = target.partition(".")
        service = "cognito-identity" if prefix.startswith("AWSCognitoIdentityService") else "cognito-idp"
        return service, op
    auth = headers.get("Authorization", "")
    service = "iam"
    if "Credential=" in auth:
        parts = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
        if len(parts) >= 4:
            service = parts[3]
    form = parse_qs(body.decode("utf-8", "replace"))
    return service, form.get("Action", [""])[0]


# --- recording (read back by scripts/replay.py) ----------------------------------------------

ASSUMED_KEY = re.compile(r"<AccessKeyId>([^<]+)</AccessKeyId>")
ASSUMED_ARN = re.compile(r"<Arn>arn:aws[a-z-]*:sts::(\d{12}):assumed-role/")


def record_key(account: str, operation: str, body: bytes) -> str:
    """What a recorded answer is looked up by: the account, the operation (service:name) and
    the request body as sent (cogref's SDK serializes the same request the same way)."""
    return f"{account}\x1f{operation}\x1f{body.decode('utf-8', 'replace')}"


class Recorder:
    """Every answer the upstream gave, by record_key; the accounts behind the access keys."""

    def __init__(self):
        self.lock = threading.Lock()
        self.accounts: dict[str, str] = {}  # access key id -> account (from AssumeRole answers)
        self.responses: dict[str, dict] = {}
        self.conflicts = 0  # the same request answered differently (apart from request ids)

    def account(self, key_id: str) -> str:
        with self.lock:
            return self.accounts.get(key_id) or f"source:{key_id}"

    def add(self, account: str, operation: str, body: bytes, status: int, headers: dict, data: bytes):
        text = data.decode("utf-8", "replace")
        if operation.endswith(":AssumeRole") and status == 200:
            key_id, arn = ASSUMED_KEY.search(text), ASSUMED_ARN.search(text)
            if key_id and arn:
                with self.lock:
                    self.accounts[key_id.group(1)] = arn.group(1)
        kept = {k: v for k, v in headers.items() if k.lower() not in ("date", "server")}
        entry = {"status": status, "headers": kept, "body": text}
        key = record_key(account, operation, body)
        with self.lock:
            old = self.responses.setdefault(key, entry)
            if old is not entry and old["body"] != text:
                self.conflicts += 1

    def write(self, path: str):
        with self.lock:
            doc = {"accounts": self.accounts, "conflicts": self.conflicts, "responses": self.responses}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)


class State:
    def __init__(self, args, categories):
        self.lock = threading.Lock()
        self.args = args
        self.categories = categories
        self.rates = {c: spec["rps"] for c, spec in load_table().items()} if args.quotas else {}
        self.rules = []
        if args.faults:
            with open(args.faults, encoding="utf-8") as f:
                self.rules = json.load(f)
        self.windows: dict[str, collections.deque] = collections.defaultdict(collections.deque)
        self.max_rps: dict[str, int] = collections.defaultdict(int)
        self.span: dict[str, list] = {}  # category -> [first admit, last admit, count]
        self.calls = 0
        self.throttled = 0
        self.throttled_per_pool = 0
        self.throttled_by: collections.Counter = collections.Counter()
        self.max_per_pool = 0
        self.accounts: set[str] = set()
        self.account_span: dict[str, list] = {}  # access key -> [first call, last call]
        self.faulted = 0
        self.by_operation: collections.Counter = collections.Counter()

    def category(self, service: str, op: str) -> str:
        return self.categories.get(op, f"{service}:{op}")

    def limit(self, category: str) -> float:
        if self.args.quotas:
            return self.rates.get(category, 0)
        return self.args.rate_limit

    def admit(self, category: str, account: str = "", op: str = "", pool: str | None = None) -> bool:
        """Sliding one-second window per account and category (and per account, operation and
        pool for the per-pool categories); False means throttle."""
        now = time.monotonic()
        with self.lock:
            window = self.windows[(account, category)]
            while window and now - window[0] >= 1.0:
                window.popleft()
            limit = self.limit(category)
            if limit and len(window) >= limit:
                self.throttled += 1
                self.throttled_by[category] += 1
                return False
            per_pool = None
            if self.args.per_pool_rps and pool and category in PER_POOL_CATEGORIES:
                per_pool = self.windows[(account, op, pool)]
                while per_pool and now - per_pool[0] >= 1.0:
                    per_pool.popleft()
                if len(per_pool) >= self.args.per_pool_rps:
                    self.throttled += 1
                    self.throttled_by[f"{category} per pool"] += 1
                    self.throttled_per_pool += 1
                    return False
                per_pool.append(now)
                self.max_per_pool = max(self.max_per_pool, len(per_pool))
            window.append(now)
            self.max_rps[category] = max(self.max_rps[category], len(window))
            span = self.span.setdefault(category, [now, now, 0])
            span[1] = now
            span[2] += 1
            return True

    def arrive(self, service: str, op: str, account: str, body: bytes) -> str | None:
        """Counts a request as it arrives and decides its fate: a fault from --faults,
        "throttle" when it is over a quota, or None (answer it). Shared with scripts/replay.py."""
        now = time.monotonic()
        with self.lock:
            self.calls += 1
            self.by_operation[op] += 1
            self.accounts.add(account)
            span = self.account_span.setdefault(account, [now, now])
            span[1] = now
        # Quota windows count arrivals (before the added latency: a sleeping thread on a
        # busy machine wakes late by tens of ms, jitter no real region adds).
        fault = self.fault_for(op, body)
        if fault is None and not self.admit(
            self.category(service, op), account, op, pool_of(body) if service == "cognito-idp" else None
        ):
            fault = "throttle"
        return fault

    def fault_for(self, op: str, body: bytes):
        text = body.decode("utf-8", "replace")
        with self.lock:
            for rule in self.rules:
                if rule.get("operation", "*") not in ("*", op):
                    continue
                if rule.get("contains") and rule["contains"] not in text:
                    continue
                times = rule.get("times", -1)
                if times == 0:
                    continue
                if times > 0:
                    rule["times"] = times - 1
                self.faulted += 1
                return rule["fault"]
        return None

    def stats(self) -> dict:
        with self.lock:
            return {
                "calls": self.calls,
                "throttled": self.throttled,
                "throttled_per_pool": self.throttled_per_pool,
                "throttled_by_category": dict(sorted(self.throttled_by.items())),
                "max_rps_per_pool_operation": self.max_per_pool,
                "accounts": len(self.accounts),
                # Seconds between the first and last call arriving with each access key.
                "account_seconds": sorted(round(b - a, 2) for a, b in self.account_span.values()),
                "seconds_by_account": {k: round(b - a, 2) for k, (a, b) in sorted(self.account_span.items())},
                "faulted": self.faulted,
                "by_operation": dict(sorted(self.by_operation.items())),
                "max_rps_by_category": dict(sorted(self.max_rps.items())),
                # Sustained rate: calls admitted per second between a category's first and
                # last call (categories with fewer than 10 calls are left out: too short).
                "rps_by_category": {
                    c: round((n - 1) / (last - first), 2)
                    for c, (first, last, n) in sorted(self.span.items())
                    if n >= 10 and last > first
                },
                "calls_by_category": {c: n for c, (_, _, n) in sorted(self.span.items())},
            }


def error_body(service: str, code: str, message: str, status: int) -> tuple[int, dict, bytes]:
    if service in ("cognito-idp", "cognito-identity"):
        body = json.dumps({"__type": code, "message": message}).encode()
        return status, {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code}, body
    xml = (
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>'
        f"<Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
        "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
    ).encode()
    return status, {"Content-Type": "text/xml"}, xml


def fault_reply(fault: str, service: str, op: str) -> tuple[int, dict, bytes]:
    """The answer of an injected fault or a throttle (not "drop" or "hang": no answer)."""
    cognito = service.startswith("cognito")
    if fault == "throttle":
        return error_body(service, "TooManyRequestsException" if cognito else "Throttling", "Rate exceeded", 400)
    if fault == "unavailable":
        code = "InternalErrorException" if cognito else "ServiceUnavailable"
        return error_body(service, code, "Service unavailable", 503)
    if fault == "access_denied":
        code = "AccessDeniedException" if cognito else "AccessDenied"
        return error_body(service, code, f"not authorized to perform {op}", 400 if cognito else 403)
    if fault == "garbage":
        return 200, {"Content-Type": "application/x-amz-json-1.1"}, b"<html>not json{{"
    raise ValueError(f"unknown fault {fault!r}")


def make_handler(state: State, upstream, recorder: Recorder | None = None):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):  # quiet
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            service, op = identify(self.headers, body)
            account = access_key(self.headers)
            fault = state.arrive(service, op, account, body)
            if state.args.latency_ms:
                time.sleep(state.args.latency_ms / 1000.0)
            if fault == "drop":
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            if fault == "hang":
                time.sleep(HANG_SECONDS)
                self.close_connection = True
                return
            if fault is not None:
                return self.reply(*fault_reply(fault, service, op))
            self.forward(body, service, op, account)

        do_GET = do_POST

        def forward(self, body: bytes, service: str, op: str, key_id: str):
            conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            headers["Host"] = f"{upstream.hostname}:{upstream.port}"
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            out = {k: v for k, v in resp.getheaders()
                   if k.lower() not in ("transfer-encoding", "connection", "content-length")}
            conn.close()
            if recorder is not None:
                recorder.add(recorder.account(key_id), f"{service}:{op}", body, resp.status, out, data)
            self.reply(resp.status, out, data)

        def reply(self, status: int, headers: dict, data: bytes):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def add_server_args(p: argparse.ArgumentParser) -> None:
    """The options State reads, shared with scripts/replay.py: port, latency, quotas, stats."""
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--latency-ms", type=float, default=0)
    p.add_argument("--rate-limit", type=float, default=0)
    p.add_argument("--quotas", action="store_true")
    p.add_argument("--per-pool-rps", type=float, default=0)
    p.add_argument("--stats")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--upstream", required=True)
    add_server_args(p)
    p.add_argument("--faults")
    p.add_argument("--record")
    args = p.parse_args()
    upstream = urlparse(args.upstream)
    if upstream.hostname not in ("127.0.0.1", "localhost"):
        print("proxy.py: --upstream must be on loopback", file=sys.stderr)
        return 2
    state = State(args, load_categories())
    recorder = Recorder() if args.record else None
    server = ThreadingHTTPServer((HOST, args.port), make_handler(state, upstream, recorder))
    server.daemon_threads = True

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"COGREF_PROXY_URL=http://{HOST}:{server.server_address[1]}", flush=True)
    server.serve_forever()
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(state.stats(), f, indent=2, sort_keys=True)
    if recorder is not None:
        recorder.write(args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
