"""Starts `scripts/emulator.py` on 127.0.0.1 (a free port) for the python tests that need one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1]


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    """The emulator process and its URL; raises when it does not start."""
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPTS / "emulator.py"), "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline().strip() if proc.stdout else ""
    if not line.startswith("COGREF_EMULATOR_URL="):
        proc.kill()
        raise RuntimeError(f"emulator did not start: {line!r}")
    return proc, line.split("=", 1)[1]
