"""Load test at national scale: locust against gunicorn with PostgreSQL and Redis on
loopback, plus a real Celery worker. Bounded: 50 users for 60 s by default; it stops by
itself.

    .venv/bin/python bench/load_test.py [--database full|small] [--users 50] [--seconds 60]
        [--workers 3]

It runs against a copy of the national-scale database built by bench/national_scale.py
(`bench_national_full`: 153 councils with two assessments each, about a million evidence
items and their search index; `--database small` for `bench_national_small`, 1% of that):
`CREATE DATABASE load_national TEMPLATE bench_national_<size>` on 127.0.0.1:5432 (user
postgres, trust auth), since the users save evidence; the copy is dropped at the end and the
template is never written to. The template must have no other connections, so the test
refuses to start while bench/national_scale.py is running. It then migrates the copy (a
no-op unless a migration is newer than the build), writes the plan of simulated users
(bench/load_plan.py: the bench users, their assessments and items), starts the server and a
worker, runs bench/locustfile.py headless and prints requests per second, median and 95th
percentile latency and the error count, per request type and in total. Target: 0 errors and
95th percentile under 300 ms with 50 users.

The mix (bench/locustfile.py): assessors on an assessment they lead (overview, statement
pages plain and filtered, evidence items, saving evidence, searching within the assessment),
council leads signed in as their own council's lead (its assessment pages, findings,
challenges, the returns portal, and search over everything they may see), admins (search
everything, the assessments list filtered and sorted, the national table) and the public
(national ratings table, council profiles). Every request checks its status and a marker in
the page, so a 403, 404 or 500 counts as an error.

The users start at --spawn-rate per second, each signing in through the real form (PBKDF2
with Django's 1,000,000 iterations: about a third of a CPU-second each). The measured window
is the --seconds from the moment the last user has signed in, with every user running (the
locustfile resets the statistics then); the sign-ins are reported on their own line.

The machine has 2 CPU cores, shared by gunicorn (--workers, default 3, x 4 threads each),
PostgreSQL, Redis, the Celery worker and locust itself: the figures are those of a small box
with everything on it, not of production. Since other people's work runs on the same cores,
the test says where the CPU went in the measured window (bench/load_cpu.py: the server, the
test database's PostgreSQL backends, locust, the worker, the busiest other processes) and
the server's and database's CPU per request, from which the requests per second two idle
cores could at most serve follow. As in production, the Celery worker runs at a
lower CPU priority (nice 10) than the web server: batch work must not hold up pages. Redis
databases 10 (broker) and 11 (cache) are flushed at the start: keep them for this test.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_cpu import CpuSampler, describe  # noqa: E402

COPY = "load_national"
TARGET_P95_MS = 300
REDIS = "redis://127.0.0.1:6379"
BROKER_DB, CACHE_DB = 10, 11
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1"]


def run(*args, env) -> None:
    """Run a command quietly (manage.py's system check warns about missing front-end
    folders); show its output only if it fails."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args[:3])} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


def sql(statement: str, **names: str) -> str:
    """Run `statement` in psql; :'name' and :"name" in it are `names` quoted as a literal or
    an identifier (psql's variables, read from standard input)."""
    options = [arg for name, value in names.items() for arg in ("-v", f"{name}={value}")]
    return subprocess.run(
        [*PSQL, *options, "-At"], input=statement, check=True, capture_output=True, text=True
    ).stdout.strip()


def copy_database(template: str) -> None:
    """COPY := a fresh copy of `template`; refuses while the builder may still be at it."""
    builder = subprocess.run(["pgrep", "-f", "national_scale.py"], capture_output=True)
    if builder.returncode == 0:
        sys.exit("bench/national_scale.py is running (building the databases): try again later")
    if sql("SELECT 1 FROM pg_database WHERE datname = :'db'", db=template) != "1":
        sys.exit(f"no database {template}: build it with bench/national_scale.py")
    others = sql("SELECT count(*) FROM pg_stat_activity WHERE datname = :'db'", db=template)
    if others != "0":
        sys.exit(f"{template} has {others} other connections: a template must have none")
    drop_copy()
    # FILE_COPY: copies the files rather than writing the whole database to the WAL.
    sql('CREATE DATABASE :"copy" TEMPLATE :"db" STRATEGY FILE_COPY', copy=COPY, db=template)


def drop_copy() -> None:
    sql('DROP DATABASE IF EXISTS :"copy" WITH (FORCE)', copy=COPY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=["full", "small"], default="full")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--spawn-rate", type=float, default=2.0, help="users started per second")
    args = parser.parse_args()
    ramp_seconds = int(args.users / args.spawn_rate) + 1

    var_dir = Path(tempfile.mkdtemp(prefix="load-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DJANGO_DEBUG="0",
        APP_VAR_DIR=str(var_dir),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{COPY}",
        DATABASE_CONN_MAX_AGE="60",
        CELERY_BROKER_URL=f"{REDIS}/{BROKER_DB}",
        CACHE_URL=f"{REDIS}/{CACHE_DB}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    with socket.socket() as probe:  # another server there would answer in ours' place
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"port {args.port} is in use: choose another with --port")
    for db in (BROKER_DB, CACHE_DB):
        subprocess.run(["redis-cli", "-n", str(db), "FLUSHDB"], check=True, capture_output=True)
    # The machine is shared: what else was running is part of the figures' context.
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    copy_database(f"bench_national_{args.database}")
    try:
        print(f"copied bench_national_{args.database} in {time.perf_counter() - started:.0f}s")
        plan = var_dir / "plan.json"
        python = sys.executable
        run(python, "manage.py", "migrate", "--no-input", "-v", "0", env=env)
        run(python, "manage.py", "collectstatic", "--no-input", "-v", "0", env=env)
        run(
            python,
            "manage.py",
            "shell",
            "-c",
            f"from bench.load_plan import write; write({str(plan)!r})",
            env=env,
        )
        env["LOAD_PLAN"] = str(plan)
        env["LOAD_SIGN_IN_LOG"] = str(var_dir / "sign-in-times.json")
        env["LOAD_SECONDS"] = str(args.seconds)
        prefix, cpu = serve_and_load(args, env, var_dir, ramp_seconds)
    finally:
        drop_copy()
    report(prefix, args, var_dir / "sign-in-times.json", json.loads(plan.read_text()), cpu)
    print(f"load average (1 min) before the test started: {load_before:.1f}")


def serve_and_load(args, env: dict, var_dir: Path, ramp_seconds: int):
    """Start gunicorn and a Celery worker, run locust against them, stop them; the prefix of
    locust's CSV files and the CPU used while it ran."""
    python = sys.executable
    logs = var_dir / "logs"
    logs.mkdir()
    prefix = var_dir / "locust"
    with (
        (logs / "server.log").open("wb") as server_log,
        (logs / "worker.log").open("wb") as w_log,
        (logs / "locust.log").open("wb") as locust_log,
    ):
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "60",
                # Longer than the longest wait between a user's requests, so the server never
                # closes a kept-alive connection just as the client reuses it.
                "--keep-alive",
                "10",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(
            [
                "nice",
                "-n",
                "10",
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                "default,reports",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=w_log,
            stderr=subprocess.STDOUT,
        )
        host = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(120):
                if server.poll() is not None:
                    sys.exit(f"gunicorn stopped: see {logs / 'server.log'}")
                try:
                    urllib.request.urlopen(host + "/", timeout=2)  # noqa: S310 - loopback
                    break
                except OSError:
                    time.sleep(0.5)
            locust = subprocess.Popen(
                [
                    python,
                    "-m",
                    "locust",
                    "-f",
                    "bench/locustfile.py",
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    # A backstop: the locustfile stops the run --seconds after the last
                    # user has signed in.
                    "--run-time",
                    f"{ramp_seconds + args.seconds + 120}s",
                    "--host",
                    host,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--stop-timeout",
                    "10",
                ],
                cwd=ROOT,
                env=env,
                stdout=locust_log,
                stderr=subprocess.STDOUT,
            )
            cpu = CpuSampler(
                {"gunicorn": server.pid, "Celery worker": worker.pid, "locust": locust.pid},
                COPY,
            )
            while locust.poll() is None:
                cpu.sample()
                time.sleep(1)
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    return prefix, cpu


def _ms(value: str) -> str:
    """A time from locust's CSV, in whole milliseconds (its medians of a few samples are not
    rounded)."""
    return value if value == "N/A" else f"{float(value):.0f}"


def report(prefix: Path, args, sign_in_log: Path, plan: dict, cpu: CpuSampler) -> None:
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        sys.exit(f"locust wrote no statistics: see {prefix.parent / 'logs'}")
    with stats.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    print(
        f"load test: bench_national_{args.database} ({plan['evidence_items']:,} evidence items, "
        f"{len(plan['leads'])} councils), {args.users} users for {args.seconds} s after a "
        f"{args.users / args.spawn_rate:.0f} s ramp, gunicorn {args.workers} workers x 4 threads, "
        f"PostgreSQL + Redis on loopback, 1 Celery worker (nice 10), {os.cpu_count()} CPU cores"
    )
    if sign_in_log.exists():
        log = json.loads(sign_in_log.read_text())
        times = log["sign_ins"]
        ok = [t for t in times if t >= 0]
        if ok:
            print(
                f"sign-ins during the ramp (not in the figures below): {len(times)}, failed "
                f"{len(times) - len(ok)}, median {statistics.median(ok):.0f} ms, "
                f"max {max(ok):.0f} ms"
            )
        window = log["window"]
        if window["start"] and window["end"]:
            print(
                f"measured window: {window['end'] - window['start']:.0f} s from the moment all "
                f"{window['users_ready']} users were running and signed in"
            )
            used = cpu.window(window["start"], window["end"])
            if used:
                total = next(row for row in rows if row["Name"] == "Aggregated")
                requests = int(total["Request Count"])
                print("\n".join(describe(used, os.cpu_count() or 1, requests)))
        else:
            print("measured window: NONE (not every user started: see the locust log)")
    print(f"{'request':36} {'count':>7} {'errors':>6} {'rps':>7} {'median ms':>9} {'p95 ms':>7}")
    for row in rows:
        if row["Request Count"] == "0":
            continue  # the sign-ins, before the measured window
        slow = " *" if row["95%"] != "N/A" and float(row["95%"]) >= TARGET_P95_MS else ""
        print(
            f"{row['Name'][:36]:36} {row['Request Count']:>7} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):7.1f} {_ms(row['Median Response Time']):>9} "
            f"{_ms(row['95%']):>7}{slow}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    p95 = float(total["95%"])
    errors = int(total["Failure Count"])
    met = errors == 0 and p95 < TARGET_P95_MS
    print(
        f"TOTAL: {float(total['Requests/s']):.1f} requests/s, "
        f"median {_ms(total['Median Response Time'])} ms, p95 {p95:.0f} ms, errors {errors}: "
        f"target (p95 < {TARGET_P95_MS} ms, 0 errors) {'met' if met else 'NOT met'}"
        + ("" if met else "; * = request types with p95 over the target")
    )
    failures = Path(f"{prefix}_failures.csv")
    if errors and failures.exists():
        print(failures.read_text()[:3000])


if __name__ == "__main__":
    main()
