"""Tests of the fleet benchmark's record and replay (scripts/proxy.py --record, scripts/replay.py).

Owns: recording a small two-account fleet through the proxy in front of the emulator with boto3,
then, with the emulator stopped, asserting that the replay server gives back the emulator's own
answers per account (the AssumeRole credentials included, so the same access keys reach the
same accounts), enforces the proxy's quotas with its throttling error, and answers a request it
never recorded with a 500 UnrecordedRequest that it counts, never a guess.

    .venv/bin/python -m unittest discover -s scripts/tests
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import unittest
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, SCRIPTS)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emulator_process  # noqa: E402
import seed  # noqa: E402

REGION = "us-east-1"
NO_RETRY = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def serve(script: str, *args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, os.path.join(SCRIPTS, script), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip() if proc.stdout else ""
    if not line.startswith("COGREF_PROXY_URL="):
        proc.kill()
        raise RuntimeError(f"{script} did not start: {line!r} {proc.communicate()[1]}")
    return proc, line.split("=", 1)[1]


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    return proc.communicate(timeout=30)[1]


def client(service: str, url: str, creds: dict[str, str] | None = None, config: Config | None = None) -> Any:
    keys = {"aws_access_key_id": "source", "aws_secret_access_key": "source"}
    if creds:
        keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
                "aws_session_token": creds["SessionToken"]}
    return boto3.client(service, endpoint_url=url, region_name=REGION, config=config or NO_RETRY, **keys)


def strip(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def read_account(url: str, account: str) -> dict[str, Any]:
    """What one member account answers: its role's credentials, its pools, a pool, its groups."""
    creds = client("sts", url).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/cogref-read", RoleSessionName=f"cogref-{account}"
    )["Credentials"]
    idp = client("cognito-idp", url, creds)
    pools = strip(idp.list_user_pools(MaxResults=60))
    pool = pools["UserPools"][0]["Id"]
    return {
        "key": creds["AccessKeyId"],
        "creds": creds,
        "pools": pools,
        "pool": strip(idp.describe_user_pool(UserPoolId=pool)),
        "groups": strip(idp.list_groups(UserPoolId=pool)),
    }


class ReplayTest(unittest.TestCase):
    recorded: dict[str, dict[str, Any]]
    accounts: list[str]
    tmp: tempfile.TemporaryDirectory

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = tempfile.TemporaryDirectory()
        cls.recording = os.path.join(cls.tmp.name, "recording.json")
        emulator, url = emulator_process.start()
        try:
            os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
            os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
            ids = os.path.join(cls.tmp.name, "ids.json")
            assert seed.main(["--endpoint", url, "--out", ids, "--fleet", "2", "--fleet-pools", "1"]) == 0
            with open(ids, encoding="utf-8") as f:
                cls.accounts = sorted(json.load(f)["fleet"]["accounts"])
            proxy, proxy_url = serve("proxy.py", "--upstream", url, "--record", cls.recording)
            try:
                cls.recorded = {a: read_account(proxy_url, a) for a in cls.accounts}
            finally:
                stop(proxy)
        finally:
            emulator.terminate()
            emulator.communicate(timeout=30)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.tmp.cleanup()

    def replay(self, *args: str) -> tuple[subprocess.Popen[str], str, str]:
        stats = os.path.join(self.tmp.name, "stats.json")
        proc, url = serve("replay.py", "--recording", self.recording, "--stats", stats, *args)
        return proc, url, stats

    def test_the_recording_maps_each_access_key_to_its_account(self) -> None:
        with open(self.recording, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["conflicts"], 0)
        self.assertEqual(doc["accounts"], {r["key"]: a for a, r in self.recorded.items()})

    def test_the_emulator_is_gone_and_every_account_answers_as_recorded(self) -> None:
        proc, url, stats_file = self.replay()
        try:
            replayed = {a: read_account(url, a) for a in self.accounts}
        finally:
            stop(proc)
        for account in self.accounts:
            got, want = replayed[account], self.recorded[account]
            self.assertEqual(got["key"], want["key"])
            self.assertEqual(got["pools"], want["pools"])
            self.assertEqual(got["pool"], want["pool"])
            self.assertEqual(got["groups"], want["groups"])
        # Two accounts hold different pools: the answers are per account, not per request body.
        self.assertNotEqual(replayed[self.accounts[0]]["pools"], replayed[self.accounts[1]]["pools"])
        with open(stats_file, encoding="utf-8") as f:
            stats = json.load(f)
        self.assertEqual(stats["calls"], 8)
        self.assertEqual(stats["unrecorded"], 0)
        self.assertGreaterEqual(stats["cpu_seconds"], 0)

    def test_an_unrecorded_request_is_a_loud_500_never_a_guess(self) -> None:
        account = self.accounts[0]
        proc, url, stats_file = self.replay()
        try:
            idp = client("cognito-idp", url, self.recorded[account]["creds"])
            with self.assertRaises(ClientError) as raised:
                idp.describe_user_pool(UserPoolId="us-east-1_notrecorded")
        finally:
            err = stop(proc)
        self.assertEqual(raised.exception.response["Error"]["Code"], "UnrecordedRequest")
        self.assertEqual(raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], 500)
        self.assertIn("UNRECORDED request", err)
        with open(stats_file, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["unrecorded"], 1)

    def test_quotas_are_the_proxys_per_account_and_per_pool(self) -> None:
        a, b = self.accounts
        pool_a = self.recorded[a]["pools"]["UserPools"][0]["Id"]
        pool_b = self.recorded[b]["pools"]["UserPools"][0]["Id"]
        proc, url, stats_file = self.replay("--quotas", "--per-pool-rps", "5")
        try:
            idp_a = client("cognito-idp", url, self.recorded[a]["creds"])
            idp_b = client("cognito-idp", url, self.recorded[b]["creds"])
            answers = []
            for _ in range(6):  # ListGroups: at most 5 per second per pool
                try:
                    answers.append(strip(idp_a.list_groups(UserPoolId=pool_a)))
                except ClientError as e:
                    answers.append(e.response["Error"]["Code"])
            # The other account has its own windows.
            other = strip(idp_b.list_groups(UserPoolId=pool_b))
        finally:
            stop(proc)
        self.assertEqual(answers[:5], [self.recorded[a]["groups"]] * 5)
        self.assertEqual(answers[5], "TooManyRequestsException")
        self.assertEqual(other, self.recorded[b]["groups"])
        with open(stats_file, encoding="utf-8") as f:
            stats = json.load(f)
        self.assertEqual(stats["throttled_by_category"], {"UserPoolResourceRead per pool": 1})


if __name__ == "__main__":
    unittest.main()
