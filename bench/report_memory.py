"""Benchmark: the peak memory of a real Celery worker rendering the 35-page report.

A real worker (`celery -A config worker -Q reports --concurrency 1`, prefork) on Redis and an
SQLite file (or PostgreSQL with --database) this script creates renders one realistic,
synthetic assessment from `reports.sample.build_assessment` (9 scored statements, 30 evidence
items each, 6 paragraphs per finding: 35 pages) `--renders` times, each a new draft version
requested through `report_request` as a user's click does. After each render it reads the
pool process's VmHWM (peak resident set since it started) from /proc; the page count is read
back from the stored PDF with pypdf. Target: peak below 300 MiB.

The data is synthetic (flagged `is_demo`, so the cover says "Demo data") and lives only in
the throwaway database. Redis keys carry a prefix of
this run's own and are deleted at the end.

Run: .venv/bin/python bench/report_memory.py [--renders 3] [--broker redis://127.0.0.1:6379/8]
     [--database postgres://postgres@127.0.0.1:5432/mem_bench]
"""

from __future__ import annotations

import argparse
import os
import time

from _django import setup_with_broker, teardown_with_broker
from _worker import child_pids, memory_mib, start_worker, stop_worker, wait_for_worker

TARGET_MIB = 300


def _wait_ready(report_id: int, timeout: float = 300):
    from reports.models import RenderStatus, Report

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=report_id)
        if report.status in (RenderStatus.READY, RenderStatus.FAILED):
            return report
        time.sleep(0.2)
    raise RuntimeError(f"Report {report_id} was not ready after {timeout} s.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=3)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--database", default="", help="PostgreSQL URL (default: SQLite file)")
    parser.add_argument("--evidence", type=int, default=30, help="evidence items per statement")
    parser.add_argument("--paragraphs", type=int, default=6, help="paragraphs per finding")
    args = parser.parse_args()

    folder, prefix = setup_with_broker(
        name="bench-memory", broker=args.broker, database_url=args.database
    )

    from pypdf import PdfReader

    from accounts.models import User
    from config.celery import app
    from councils.models import Council
    from reports import services, storage
    from reports.models import RenderStatus
    from reports.sample import build_assessment

    author = User.objects.create(username="bench", full_name="Bench Assessor")
    assessment = build_assessment(
        council=Council.objects.get(name="Suffolk"),
        author=author,
        evidence_per_statement=args.evidence,
        paragraphs=args.paragraphs,
        is_demo=True,  # synthetic: the report's cover says "Demo data"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONUNBUFFERED": "1",
    }
    log = folder / "worker.log"
    worker = start_worker(env, log, name="bench-memory")
    lines: list[str] = []
    try:
        wait_for_worker(app)
        (pool,) = child_pids(worker.pid)
        idle = memory_mib(pool)
        lines.append(
            f"pool process idle before any task: VmRSS {idle['VmRSS']:.0f} MiB, "
            f"VmHWM {idle['VmHWM']:.0f} MiB"
        )
        peak = 0.0
        for n in range(1, args.renders + 1):
            requested = services.report_request(actor=author, assessment=assessment, kind="draft")
            report = _wait_ready(requested.pk)
            if report.status != RenderStatus.READY:
                raise RuntimeError(f"Render failed: {report.error} (see {log})")
            if child_pids(worker.pid) != [pool]:
                raise RuntimeError("The pool process was replaced mid-run: peaks not comparable.")
            with storage.open_file(report.stored_name) as handle:
                reader = PdfReader(handle)
                pages = len(reader.pages)
                labelled = "Demo data" in (reader.pages[0].extract_text() or "")
            now = memory_mib(pool)
            peak = max(peak, now["VmHWM"])
            lines.append(
                f"render {n} (draft v{report.version}): {pages} pages read back with pypdf "
                f"(page_count {report.page_count}), {report.file_size / 1024:.0f} KiB, "
                f"cover {'labelled' if labelled else 'NOT labelled'} 'Demo data'; "
                f"pool VmHWM {now['VmHWM']:.0f} MiB, VmRSS after {now['VmRSS']:.0f} MiB"
            )
        main_process = memory_mib(worker.pid)
    finally:
        stop_worker(worker)
        teardown_with_broker(
            folder=folder, prefix=prefix, broker=args.broker, database_url=args.database
        )

    evidence = assessment.evidence_items.count()
    print(
        "real Celery worker (prefork, concurrency 1), queue 'reports', "
        f"{'PostgreSQL' if args.database else 'SQLite'} + Redis"
    )
    print(
        f"synthetic assessment (reports.sample): 9 statements, {evidence} evidence items, "
        f"{args.paragraphs} paragraphs per finding"
    )
    print(*lines, sep="\n")
    print(f"worker main process (no rendering): VmHWM {main_process['VmHWM']:.0f} MiB")
    verdict = "below" if peak < TARGET_MIB else "ABOVE"
    print(f"peak RSS of the rendering process: {peak:.0f} MiB ({verdict} target {TARGET_MIB} MiB)")


if __name__ == "__main__":
    main()
