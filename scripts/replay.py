"""A fast stand-in for emulator + proxy in the fleet benchmark: answers a recorded run again.

Owns: serving the answers `scripts/proxy.py --record FILE` captured from the emulator, with the
proxy's latency and its per-account quota enforcement and throttling errors (the same code:
proxy.State, one table src/aws/quotas.json), fast enough that the scan being measured is
cogref's, not moto's. One asyncio loop, HTTP/1.1 keep-alive, answers serialized once at load.

Each request is looked up by (account, operation, request body) (proxy.record_key; the account
of an access key is the one the recorded AssumeRole answer handed it to). A request that was
not recorded is answered 500 `UnrecordedRequest` and counted ("unrecorded" in --stats), never
guessed, so the scan reports it. The only change made to a recorded answer: the Expiration of
AssumeRole credentials is moved to an hour after the replay starts, so an old recording does not
hand out expired credentials (expiry is no part of a snapshot).

    python scripts/replay.py --recording FILE [--port N] [--latency-ms N] [--rate-limit R]
                             [--quotas] [--per-pool-rps N] [--stats FILE]

Prints `COGREF_PROXY_URL=http://127.0.0.1:<port>` when ready; serves until SIGTERM/SIGINT.
--stats holds proxy.py's figures plus "unrecorded", "connections" (TCP connections the client
opened), "loop_lag_ms" (how late the event loop woke, p50/p99/max: a request read late is
counted late in the quota windows) and "cpu_seconds" (this server's own user + system CPU time while serving, the load of
the recording excluded), so a reader sees whether the replay server was a bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import re
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proxy import HOST, State, access_key, add_server_args, fault_reply, identify, load_categories, record_key  # noqa: E402

REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error",
           503: "Service Unavailable"}
EXPIRATION = re.compile(r"<Expiration>[^<]*</Expiration>")
LAG_TICK = 0.01  # seconds between the event loop's wake-up checks (loop_lag_ms in --stats)


def serialize(status: int, headers: dict, body: bytes) -> bytes:
    """A whole HTTP/1.1 response, keep-alive."""
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
    lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("content-length", "connection")]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def load(path: str) -> tuple[dict[str, str], dict[str, bytes]]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    answers = {}
    for key, r in doc["responses"].items():
        text = r["body"]
        if "\x1fsts:AssumeRole\x1f" in key:
            text = EXPIRATION.sub(f"<Expiration>{expires}</Expiration>", text)
        answers[key] = serialize(r["status"], r["headers"], text.encode("utf-8"))
    return doc["accounts"], answers


class Headers(dict):
    """Request headers by name, case-insensitively (the subset proxy.identify/access_key read)."""

    def get(self, name, default=None):
        return super().get(name.lower(), default)


async def serve(args, state: State, accounts: dict[str, str], answers: dict[str, bytes]):
    unrecorded = []
    connections = [0]
    latency = args.latency_ms / 1000.0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        connections[0] += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                headers = Headers()
                for line in head.decode("latin-1").split("\r\n")[1:]:
                    name, sep, value = line.partition(":")
                    if sep:
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length") or 0)
                body = await reader.readexactly(length) if length else b""
                service, op = identify(headers, body)
                key_id = access_key(headers)
                account = accounts.get(key_id) or f"source:{key_id}"
                fault = state.arrive(service, op, account, body)
                if latency:
                    await asyncio.sleep(latency)
                if fault is not None:
                    out = serialize(*fault_reply(fault, service, op))
                else:
                    out = answers.get(record_key(account, f"{service}:{op}", body))
                    if out is None:
                        unrecorded.append(f"{account} {service}:{op} {body[:200]!r}")
                        print(f"replay.py: UNRECORDED request {unrecorded[-1]}", file=sys.stderr, flush=True)
                        msg = json.dumps({"__type": "UnrecordedRequest",
                                          "message": f"replay.py has no recorded answer for {op} of {account}"})
                        out = serialize(500, {"Content-Type": "application/x-amz-json-1.1",
                                              "x-amzn-ErrorType": "UnrecordedRequest"}, msg.encode())
                writer.write(out)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def watch_lag():
        # How late the loop wakes: a request it reads late is counted late in the quota windows.
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + LAG_TICK
            await asyncio.sleep(LAG_TICK)
            late = loop.time() - due
            state_lag.append(late)

    state_lag: list[float] = []
    lag_task = asyncio.create_task(watch_lag())
    server = await asyncio.start_server(handle, HOST, args.port, backlog=1024)
    print(f"COGREF_PROXY_URL=http://{HOST}:{server.sockets[0].getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    lag_task.cancel()
    return unrecorded, connections[0], state_lag


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--recording", required=True)
    add_server_args(p)
    args = p.parse_args()
    args.faults = None  # proxy.State reads it; a replay injects no faults
    accounts, answers = load(args.recording)
    state = State(args, load_categories())
    cpu0 = sum(os.times()[:2])
    unrecorded, connections, lag = asyncio.run(serve(args, state, accounts, answers))
    if args.stats:
        stats = state.stats()
        stats["unrecorded"] = len(unrecorded)
        stats["connections"] = connections  # TCP connections the client opened (its pool)
        lag.sort()
        stats["loop_lag_ms"] = {  # how late the event loop woke (a 10 ms tick), while serving
            "p50": round(1000 * lag[len(lag) // 2], 1) if lag else 0,
            "p99": round(1000 * lag[len(lag) * 99 // 100], 1) if lag else 0,
            "max": round(1000 * lag[-1], 1) if lag else 0,
        }
        stats["cpu_seconds"] = round(sum(os.times()[:2]) - cpu0, 2)
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
