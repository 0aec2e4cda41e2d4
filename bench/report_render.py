"""Benchmark: the cost of rendering one realistic report, and how much of it is WeasyPrint.

A realistic assessment: 9 scored statements, 30 evidence items each, full findings text.
Prints the median time of the whole task (locking the row, loading the data, the template,
WeasyPrint, storing the file), the median time of WeasyPrint alone on the same HTML, their
ratio (target <= 1.2), pages per second and the peak memory of this (worker-like) process.

Run: .venv/bin/python bench/report_render.py [--runs 7]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import time

from _django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--evidence", type=int, default=30, help="evidence items per statement")
    parser.add_argument("--paragraphs", type=int, default=6, help="paragraphs per finding")
    args = parser.parse_args()
    folder = setup()

    from accounts.models import User
    from councils.models import Council
    from reports import rendering, tasks
    from reports.models import RenderStatus, Report
    from reports.sample import build_assessment

    author = User.objects.create(username="bench", full_name="Bench Assessor")
    assessment = build_assessment(
        council=Council.objects.get(name="Suffolk"),
        author=author,
        evidence_per_statement=args.evidence,
        paragraphs=args.paragraphs,
    )
    report = Report.objects.create(
        assessment=assessment, kind="draft", version=1, stored_name="reports/bench/draft.pdf"
    )

    # Warm up once (fonts, template loading, imports), then time each path.
    tasks.render_report(report.pk)
    task_times: list[float] = []
    for _ in range(args.runs):
        Report.objects.filter(pk=report.pk).update(status=RenderStatus.QUEUED, sha256="")
        started = time.perf_counter()
        tasks.render_report(report.pk)
        task_times.append(time.perf_counter() - started)
    report.refresh_from_db()
    assert report.status == RenderStatus.READY

    html = rendering.render_html(rendering.report_data(report))
    weasy_times: list[float] = []
    for _ in range(args.runs):
        started = time.perf_counter()
        pdf = rendering.html_to_pdf(html)
        weasy_times.append(time.perf_counter() - started)

    task_median = statistics.median(task_times)
    weasy_median = statistics.median(weasy_times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    evidence = assessment.evidence_items.count()
    print(
        f"report: {report.page_count} pages, {report.file_size / 1024:.0f} KiB, "
        f"{evidence} evidence items, {len(html) / 1024:.0f} KiB of HTML"
    )
    print(f"runs: {args.runs} of each")
    print(f"whole task (data + template + PDF + store), median: {task_median:.3f} s")
    print(f"WeasyPrint alone on the same HTML, median:      {weasy_median:.3f} s")
    print(f"ratio task / WeasyPrint: {task_median / weasy_median:.3f} (target <= 1.2)")
    print(f"pages per second (whole task): {pdf.page_count / task_median:.1f}")
    print(f"peak memory of this process (ru_maxrss): {peak_mb:.0f} MiB")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
