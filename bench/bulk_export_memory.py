"""Benchmark: the peak memory of building a bulk export does not grow with its reports.

Creates 153 published assessments (synthetic, from `reports.sample.build_assessment`, one per
council, in a throwaway SQLite database) and renders ONE realistic 35-page published report
through `report_render`. To keep the benchmark fast, every other report is that same PDF
copied under its own stored name, with its correct SHA-256 and size: the export reads, hashes
and copies each file exactly as it would distinct ones.

For N = 10, 50 and 153 (an export filtered by publication date to the first N), a fresh
child process runs `bulk_export_build` and prints its own VmHWM (peak resident set, from
/proc) before and after the build; a second export of the same N, in another fresh child,
is built under tracemalloc for the peak of Python allocations (apart, since tracemalloc's
own bookkeeping would swell the resident set). The ZIP is read back with zipfile to check
its entries and manifest.

Requesting an export queues its task on Redis (no worker takes it: the child builds it); the
keys carry a prefix of this run's own and are deleted at the end. With --database the data
is in PostgreSQL (a database it creates and drops), whose client keeps no page cache in the
measured process as SQLite's does.

Run: .venv/bin/python bench/bulk_export_memory.py [--counts 10,50,153]
     [--broker redis://127.0.0.1:6379/8] [--database postgres://postgres@127.0.0.1:5432/mem_bench]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from _django import ROOT, setup_with_broker, teardown_with_broker
from _worker import memory_mib

FIRST_PUBLISHED = datetime.date(2025, 1, 6)


def _child(export_id: int, *, traced: bool) -> None:
    """In a fresh process: build export `export_id`, print its memory figures as JSON."""
    import tracemalloc

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from reports import services

    before = memory_mib(os.getpid())["VmHWM"]
    if traced:
        tracemalloc.start()
    export = services.bulk_export_build(export_id=export_id)
    python_peak = tracemalloc.get_traced_memory()[1] if traced else 0
    after = memory_mib(os.getpid())["VmHWM"]
    print(
        json.dumps(
            {
                "status": export.status,
                "total": export.total,
                "zip_bytes": export.file_size,
                "hwm_before": before,
                "hwm_after": after,
                "tracemalloc_peak": python_peak / 2**20,
            }
        )
    )


def _measure(export_id: int, count: int, *, traced: bool) -> dict:
    """Build export `export_id` (of `count` reports) in a fresh child; its figures."""
    command = [sys.executable, __file__, "--child", str(export_id)]
    result = subprocess.run(
        command + (["--traced"] if traced else []),
        cwd=ROOT / "bench",
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["status"] != "ready" or figures["total"] != count:
        raise RuntimeError(f"Export of {count}: {figures}")
    return figures


def _build_data(count: int) -> int:
    """`count` published assessments with a ready published report each; returns the PDF size."""
    from accounts.models import User
    from assessments.models import AssessmentStatus
    from councils.models import Council
    from reports import services, storage
    from reports.models import RenderStatus, Report, ReportKind
    from reports.sample import build_assessment

    author = User.objects.create(username="bench", full_name="Bench Assessor")
    councils = list(Council.objects.order_by("name")[:count])
    if len(councils) < count:
        raise RuntimeError(f"Only {len(councils)} councils in the reference data.")
    first = None
    for index, council in enumerate(councils):
        assessment = build_assessment(
            council=council,
            author=author,
            status=AssessmentStatus.PUBLISHED,
            scores=[(index + n) % 4 + 1 for n in range(9)],
            # The first is the realistic 35-page report; the others only carry its copy.
            evidence_per_statement=30 if first is None else 0,
            paragraphs=6 if first is None else 1,
            published_on=FIRST_PUBLISHED + datetime.timedelta(days=index),
            is_demo=True,  # synthetic: each report's cover says "Demo data"
        )
        if first is None:
            first = Report.objects.create(
                assessment=assessment,
                kind=ReportKind.PUBLISHED,
                version=1,
                stored_name=storage.generated_name(f"reports/{assessment.pk}", ".pdf"),
            )
            first = services.report_render(report_id=first.pk)
            source = Path(storage.private_storage().path(first.stored_name))
            continue
        copy = Report.objects.create(
            assessment=assessment,
            kind=ReportKind.PUBLISHED,
            version=1,
            status=RenderStatus.READY,
            stored_name=storage.generated_name(f"reports/{assessment.pk}", ".pdf"),
            sha256=first.sha256,
            file_size=first.file_size,
            page_count=first.page_count,
        )
        target = Path(storage.private_storage().path(copy.stored_name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    print(
        f"data: {count} synthetic published assessments; one rendered report "
        f"({first.page_count} pages, {first.file_size / 1024:.0f} KiB) copied to the others"
    )
    return first.file_size


def _check_zip(export, count: int) -> str:
    from reports import storage

    with storage.open_file(export.stored_name) as handle:
        archive = zipfile.ZipFile(handle)
        names = archive.namelist()
        rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
        bad = archive.testzip()
    if bad or len(names) != count + 1 or len(rows) != count:
        raise RuntimeError(f"ZIP of {count}: {len(names)} entries, {len(rows)} rows, bad {bad}")
    return f"{len(names) - 1} PDFs + manifest ({len(rows)} rows), CRCs ok"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", default="10,50,153")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--database", default="", help="PostgreSQL URL (default: SQLite file)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, traced=args.traced)
        return

    counts = sorted(int(n) for n in args.counts.split(","))
    folder, prefix = setup_with_broker(
        name="bench-export-memory", broker=args.broker, database_url=args.database
    )
    print(f"database: {'PostgreSQL' if args.database else 'SQLite'}")
    try:
        _build_data(max(counts))
        from accounts.models import User
        from reports import services
        from reports.models import BulkExport

        actor = User.objects.get(username="bench")
        print(
            f"{'N':>4}  {'ZIP':>9}  {'VmHWM before':>12}  {'VmHWM after':>11}  "
            f"{'growth':>8}  {'tracemalloc peak (own run)':>26}"
        )
        checks = []
        for count in counts:
            exports = [
                services.bulk_export_request(
                    actor=actor,
                    published_from=FIRST_PUBLISHED,
                    published_to=FIRST_PUBLISHED + datetime.timedelta(days=count - 1),
                )
                for _ in range(2)
            ]
            plain = _measure(exports[0].pk, count, traced=False)
            traced = _measure(exports[1].pk, count, traced=True)
            print(
                f"{count:>4}  {plain['zip_bytes'] / 2**20:>5.1f} MiB  "
                f"{plain['hwm_before']:>8.1f} MiB  {plain['hwm_after']:>7.1f} MiB  "
                f"{plain['hwm_after'] - plain['hwm_before']:>4.1f} MiB  "
                f"{traced['tracemalloc_peak']:>22.2f} MiB"
            )
            for export in exports:
                checks.append(
                    f"N={count}: {_check_zip(BulkExport.objects.get(pk=export.pk), count)}"
                )
        print("read back with zipfile:", "; ".join(dict.fromkeys(checks)))
    finally:
        teardown_with_broker(
            folder=folder, prefix=prefix, broker=args.broker, database_url=args.database
        )


if __name__ == "__main__":
    main()
