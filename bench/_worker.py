"""Real Celery workers for the benchmarks: start one as a subprocess, wait for it, stop it,
and read the memory of its processes from /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from _django import ROOT


def start_worker(
    env: dict[str, str], log_path: Path, *, concurrency: int = 1, name: str = "bench"
) -> subprocess.Popen:
    """`celery -A config worker -Q reports` (prefork) in its own process group."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "reports",
            "--concurrency",
            str(concurrency),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
            "-n",
            f"{name}-{concurrency}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(log_path, "wb"),  # noqa: SIM115 - closed with the process
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for_worker(app, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            return
    raise RuntimeError("The worker did not answer a ping.")


def stop_worker(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def child_pids(pid: int) -> list[int]:
    """The direct children of `pid` (a prefork worker's pool processes)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(child) for child in text)
    return sorted(children)


def memory_mib(pid: int) -> dict[str, float]:
    """VmHWM (peak resident set since the process started) and VmRSS of `pid`, in MiB."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0]) / 1024  # reported in kB
    return values
