"""The schema answers several first requests at once: a gunicorn process with threads, asked
for the schema by four clients together right after it starts (drf-spectacular's lazy,
thread-unsafe loading of its extensions answered 500 to three of them)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_four_first_schema_requests_at_once_all_answer_200(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        APP_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'schema.sqlite3'}",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--threads", "4", "--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # listening, without asking for the schema yet
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        url = f"http://127.0.0.1:{port}/api/v1/schema/"
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(_status, [url] * 4))
        assert statuses == [200, 200, 200, 200]
    finally:
        server.terminate()
        server.wait(timeout=30)
