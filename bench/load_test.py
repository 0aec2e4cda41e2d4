"""Load test: locust against gunicorn with PostgreSQL and Redis on loopback, plus a real
Celery worker. Bounded: 50 users for 60 s by default; it stops by itself.

    .venv/bin/python bench/load_test.py [--users 50] [--seconds 60] [--workers 3]

It creates a fresh PostgreSQL database `load_bench` on 127.0.0.1:5432 (user postgres, trust
auth), seeds the demo data, starts the server and a worker, runs bench/locustfile.py headless
and prints requests per second, median and 95th percentile latency and the error count, per
request type and in total. Target: 0 errors and 95th percentile under 500 ms.

The users start at --spawn-rate per second, each signing in through the real form (PBKDF2
with Django's 1,000,000 iterations: about a third of a CPU-second each). The measured window
is the --seconds that follow, with every user running (locust --reset-stats); the sign-ins
are reported on their own line.

As in production, the Celery worker runs at a lower CPU priority (nice 10) than the web
server: a report render is batch work and must not hold up pages.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "load_bench"


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
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
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        DATABASE_CONN_MAX_AGE="60",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/12",
        CACHE_URL="redis://127.0.0.1:6379/11",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    python = sys.executable
    run(python, "manage.py", "migrate", "--no-input", "-v", "0", env=env)
    run(python, "manage.py", "seed_demo", env=env, capture_output=True)
    run(python, "manage.py", "collectstatic", "--no-input", "-v", "0", env=env)
    ids = json.loads(
        subprocess.run(
            [python, "manage.py", "shell", "-c", IDS_SCRIPT],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    env["LOAD_IDS"] = json.dumps(ids)
    env["LOAD_SIGN_IN_LOG"] = str(var_dir / "sign-in-times.json")

    logs = var_dir / "logs"
    logs.mkdir()
    with (logs / "server.log").open("wb") as server_log, (logs / "worker.log").open("wb") as w_log:
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
                try:
                    urllib.request.urlopen(host + "/", timeout=2)  # noqa: S310 - loopback
                    break
                except OSError:
                    time.sleep(0.5)
            prefix = var_dir / "locust"
            subprocess.run(
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
                    "--reset-stats",
                    "--run-time",
                    f"{ramp_seconds + args.seconds}s",
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
                check=False,
                capture_output=True,
            )
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    report(prefix, args, var_dir / "sign-in-times.json")


def report(prefix: Path, args, sign_in_log: Path) -> None:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    print(
        f"load test: {args.users} users for {args.seconds} s after a "
        f"{args.users / args.spawn_rate:.0f} s ramp, gunicorn {args.workers} workers x 4 threads, "
        "PostgreSQL + Redis on loopback, "
        "1 Celery worker (nice 10)"
    )
    if sign_in_log.exists():
        times = sorted(json.loads(sign_in_log.read_text()))
        failed = sum(1 for t in times if t < 0)
        ok = [t for t in times if t >= 0]
        if ok:
            print(
                f"sign-ins during the ramp: {len(times)}, failed {failed}, median "
                f"{statistics.median(ok):.0f} ms, max {max(ok):.0f} ms"
            )
    print(f"{'request':34} {'count':>7} {'errors':>6} {'rps':>7} {'median ms':>9} {'p95 ms':>7}")
    for row in rows:
        print(
            f"{row['Name'][:34]:34} {row['Request Count']:>7} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):7.1f} {row['Median Response Time']:>9} {row['95%']:>7}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    p95 = float(total["95%"])
    errors = int(total["Failure Count"])
    verdict = "target met" if errors == 0 and p95 < 500 else "target NOT met"
    print(
        f"TOTAL: {float(total['Requests/s']):.1f} requests/s, "
        f"median {total['Median Response Time']} ms, p95 {p95:.0f} ms, errors {errors}: {verdict}"
    )
    failures = Path(f"{prefix}_failures.csv")
    if errors and failures.exists():
        print(failures.read_text()[:2000])


IDS_SCRIPT = """
import json
from django.urls import reverse
from assessments.models import Assessment, QualityStatement, EvidenceCategory
from evidence.models import EvidenceItem
from councils.models import Council
scoring = Assessment.objects.get(status="scoring", kind="formal")
fa = Assessment.objects.get(status="factual_accuracy")
published = Assessment.objects.filter(status="published", kind="pilot").first()
print(json.dumps({
    "scoring": scoring.pk,
    "factual_accuracy": fa.pk,
    "published": published.pk,
    "report_request_url": reverse("reports:request_draft", args=[published.pk]),
    "statements": list(QualityStatement.objects.filter(framework=scoring.framework)
                       .order_by("number").values_list("pk", flat=True)),
    "category": EvidenceCategory.objects.get(code="peoples-experience").pk,
    "evidence": list(EvidenceItem.objects.filter(assessment=scoring, contains_personal_data=False)
                     .values_list("pk", flat=True)[:50])
               or list(EvidenceItem.objects.values_list("pk", flat=True)[:50]),
    "gss_codes": list(Council.objects.values_list("gss_code", flat=True)),
}))
"""


if __name__ == "__main__":
    main()
