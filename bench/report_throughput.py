"""Benchmark: published reports per minute with one worker process and with two.

Real Celery workers (`celery -A config worker -Q reports --concurrency N`, prefork) on
PostgreSQL and Redis render one published report for each of the 153 councils, requested
through `report_request` exactly as publishing does. The clock runs from the first request
to the last report being ready. Round 1 uses one worker process; round 2 two, rendering a
correction (version 2) of every report. Prints reports per minute of each and their ratio
(target >= 1.7 on a 2-core machine).

Needs PostgreSQL and Redis. It creates (and drops) its own database, and empties the Redis
database it is given.

Run: .venv/bin/python bench/report_throughput.py [--count 153]
     [--database postgres://postgres@127.0.0.1:5432/bench_reports]
     [--broker redis://127.0.0.1:6379/4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from urllib.parse import urlsplit

from _django import setup
from _worker import start_worker, stop_worker, wait_for_worker


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_database(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


CORRECTED_SUMMARY = "The council has a clear vision for adult social care (corrected)."


def _round(*, concurrency: int, assessments, actor, env, folder, correction: str) -> float:
    from config.celery import app
    from reports import services
    from reports.corrections import Change, report_correct
    from reports.models import RenderStatus, Report

    worker = start_worker(env, folder / f"worker-{concurrency}.log", concurrency=concurrency)
    try:
        wait_for_worker(app)
        version = 2 if correction else 1
        started = time.perf_counter()
        for assessment in assessments:
            if correction:
                # A correction must change the data: the summary gains a sentence.
                report_correct(
                    actor=actor,
                    assessment=assessment,
                    reason=correction,
                    changes=[Change(kind="summary", new_value=CORRECTED_SUMMARY)],
                )
            else:
                services.report_request(actor=actor, assessment=assessment, kind="published")
        while True:
            rows = Report.objects.filter(version=version)
            done = rows.filter(status__in=[RenderStatus.READY, RenderStatus.FAILED]).count()
            if done >= len(assessments):
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        failed = rows.filter(status=RenderStatus.FAILED).count()
        if failed:
            raise RuntimeError(f"{failed} reports failed: see {folder}/worker-*.log")
        return elapsed
    finally:
        stop_worker(worker)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=153)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bench_reports")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--evidence", type=int, default=30, help="evidence items per statement")
    parser.add_argument("--paragraphs", type=int, default=3, help="paragraphs per finding")
    args = parser.parse_args()

    import redis

    redis.Redis.from_url(args.broker).flushdb()
    os.environ["CELERY_BROKER_URL"] = args.broker
    _recreate_database(args.database)
    folder = setup(args.database)

    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import GROUP_NAMES, Role
    from assessments.models import AssessmentStatus
    from councils.models import Council
    from reports.sample import build_assessment

    actor = User.objects.create(username="bench", full_name="Bench Assessor")
    # The lead assessor of every assessment: the team may correct its published reports.
    actor.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ASSESSOR]))
    councils = list(Council.objects.order_by("name")[: args.count])
    built = time.perf_counter()
    assessments = [
        build_assessment(
            council=council,
            author=actor,
            status=AssessmentStatus.PUBLISHED,
            scores=[(index + n) % 4 + 1 for n in range(9)],
            evidence_per_statement=args.evidence,
            paragraphs=args.paragraphs,
        )
        for index, council in enumerate(councils)
    ]
    print(
        f"built {len(assessments)} published assessments "
        f"({args.evidence} evidence items per statement) in {time.perf_counter() - built:.0f} s"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": args.database,
        "CELERY_BROKER_URL": args.broker,
        "TEST_PRIVATE_ROOT": os.environ["TEST_PRIVATE_ROOT"],
    }
    try:
        one = _round(
            concurrency=1,
            assessments=assessments,
            actor=actor,
            env=env,
            folder=folder,
            correction="",
        )
        two = _round(
            concurrency=2,
            assessments=assessments,
            actor=actor,
            env=env,
            folder=folder,
            correction="Benchmark: the same report rendered again with two workers.",
        )
    finally:
        _drop_database(args.database)
        shutil.rmtree(folder, ignore_errors=True)
    n = len(assessments)
    print("real Celery workers (prefork), queue 'reports', PostgreSQL + Redis")
    print(f"1 worker process:  {n} reports in {one:.1f} s = {n / one * 60:.1f} reports/minute")
    print(f"2 worker processes: {n} reports in {two:.1f} s = {n / two * 60:.1f} reports/minute")
    print(f"ratio 2 / 1: {one / two:.2f} (target >= 1.7 on 2 cores; cores here: {os.cpu_count()})")


if __name__ == "__main__":
    main()
