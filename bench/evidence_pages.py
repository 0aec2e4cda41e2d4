"""Benchmark: evidence pages of an assessment holding 2,000 evidence items.

Builds one assessment with 2,000 items (spread over the nine statements and four categories,
a fifth with personal data, each with an attachment row) and times, in-process with Django's
test Client signed in as a team member, the median server time of:

- the assessment page (facts, scores, next steps, report; its evidence, return, quality
  assurance, improvement, timeline and history panels are loaded separately: htmx, or a
  link without JavaScript),
- the assessment page's evidence panel as htmx loads it (the fragment alone),
- the evidence overview on its own page (statements by theme, counts per category),
- the statement page of the statement holding the most evidence,
- an evidence item's detail page (attachments and change history),

next to the median time of a minimal Django view (same middleware, same signed-in client) in
the same run, and prints each page's ratio to it. Targets (wall time): the assessment page
within 5x, every page under 10x.
The pages are requested in turn, so a change in the machine's load affects all of them; the
CPU time of the serving thread is printed as well, because on a shared machine wall time also
measures the neighbours (with SQLite the database work runs in that thread; with PostgreSQL
the server's share is only in the wall time).

Run from the repository root:

    .venv/bin/python bench/evidence_pages.py                 # throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_evidence \\
        .venv/bin/python bench/evidence_pages.py             # PostgreSQL (creates and drops
                                                             # test_bench_evidence)

Options: --items N (default 2000), --repeat N (timed requests per page, default 60).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

BENCH_PASSWORD = "bench-pass-123"  # noqa: S105 - throwaway users in a throwaway database


def build(items: int):
    from accounts.roles import Role
    from accounts.services import user_create
    from assessments.models import EvidenceCategory, QualityStatement
    from assessments.services import assessment_create
    from councils.models import Council
    from evidence import services
    from evidence.models import Attachment, EvidenceItem

    admin = user_create(username="bench.admin", password=BENCH_PASSWORD, role=Role.ADMIN)
    lead = user_create(username="bench.lead", password=BENCH_PASSWORD, role=Role.ASSESSOR)
    assessor = user_create(username="bench.assessor", password=BENCH_PASSWORD, role=Role.ASSESSOR)
    assessment = assessment_create(
        actor=admin,
        council=Council.objects.get(name="Suffolk"),
        lead_assessor=lead,
        assessors=[assessor],
        notified_on=datetime.date(2025, 1, 6),
    )
    categories = list(EvidenceCategory.objects.filter(framework=assessment.framework, in_use=True))
    statements = list(QualityStatement.objects.filter(framework=assessment.framework))
    rows = EvidenceItem.objects.bulk_create(
        EvidenceItem(
            assessment=assessment,
            category=categories[n % len(categories)],
            route=("held", "requested", "collected")[n % 3],
            source_type=("survey", "interview", "case_tracking", "information_return")[n % 4],
            title=f"Evidence item {n}: case tracking and survey findings",
            narrative="What the evidence shows, in a paragraph of realistic length. " * 5,
            direction=("positive", "negative", "neutral")[n % 3],
            effective_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 365),
            contains_personal_data=n % 5 == 0,
            author=(lead, assessor)[n % 2],
        )
        for n in range(items)
    )
    through = EvidenceItem.statements.through
    links = [
        through(
            evidenceitem_id=item.pk,
            qualitystatement_id=statements[n % 9].pk,
            assessment_id=assessment.pk,
        )
        for n, item in enumerate(rows)
    ]
    links += [  # a third of the items also inform statement 1
        through(
            evidenceitem_id=item.pk,
            qualitystatement_id=statements[0].pk,
            assessment_id=assessment.pk,
        )
        for n, item in enumerate(rows)
        if n % 9 and n % 3 == 0
    ]
    through.objects.bulk_create(links)
    Attachment.objects.bulk_create(
        Attachment(
            evidence_item=item,
            original_name=f"evidence-{n}.pdf",
            stored_name=f"evidence/bench-{item.pk}.pdf",
            content_type="application/pdf",
            size=120_000,
            sha256="0" * 64,
            uploaded_by=lead,
        )
        for n, item in enumerate(rows)
    )
    # One item with real history: edits through the services, with a real file.
    detail = rows[9]
    for version in range(1, 11):
        uploads = []
        if version == 1:
            upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n%%EOF\n")
            uploads = [services.pending_upload_create(actor=lead, upload=upload)]
        services.evidence_update(
            actor=(lead, assessor)[version % 2],
            item=detail,
            version=version,
            statements=[statements[0], statements[1]],
            category=detail.category,
            route=detail.route,
            source_type=detail.source_type,
            title=f"Evidence item 9, revision {version}",
            narrative=detail.narrative,
            direction=detail.direction,
            effective_date=detail.effective_date,
            contains_personal_data=False,
            uploads=uploads,
        )
    return assessment, assessor, detail


HTMX = "#htmx"  # a URL ending so is requested as htmx requests it (HX-Request: true)


def _get(client: Client, url: str):
    if url.endswith(HTMX):
        return client.get(url.removesuffix(HTMX), headers={"HX-Request": "true"})
    return client.get(url)


def median_times(client: Client, urls: list[str], repeat: int) -> list[tuple[float, float]]:
    """(median wall ms, median CPU ms) per URL. The URLs are requested in turn so that any
    drift in the machine's load hits them all alike; CPU time (this thread) is shown too
    because on a shared machine wall time also measures the neighbours."""
    for _ in range(5):  # warm caches (templates, content types, connections)
        for url in urls:
            assert _get(client, url).status_code == 200, url
    wall: list[list[float]] = [[] for _ in urls]
    cpu: list[list[float]] = [[] for _ in urls]
    for _ in range(repeat):
        for index, url in enumerate(urls):
            start, start_cpu = time.perf_counter(), time.thread_time()
            response = _get(client, url)
            cpu[index].append((time.thread_time() - start_cpu) * 1000)
            wall[index].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(wall, cpu, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        assessment, assessor, detail = build(args.items)
        built = time.perf_counter() - started
        client = Client()
        client.force_login(assessor)
        statement_url = reverse("evidence:statement", args=[assessment.pk, 1])
        pages = [
            ("minimal Django view", reverse("bench_minimal")),
            ("assessment page", assessment.get_absolute_url()),
            (
                "evidence panel (htmx)",
                reverse("assessments:panel", args=[assessment.pk, "evidence"]) + HTMX,
            ),
            ("evidence overview page", reverse("evidence:overview", args=[assessment.pk])),
            ("statement page (1)", statement_url),
            ("statement page, filtered", statement_url + "?q=survey&route=held&page=2"),
            ("evidence detail", detail.get_absolute_url()),
        ]
        medians = median_times(client, [url for _, url in pages], args.repeat)
        base_wall, base_cpu = medians[0]
        print(
            f"{args.items} evidence items on {connection.vendor}; built in {built:.1f}s; "
            f"median of {args.repeat} requests per page (Django test Client, in-process)"
        )
        print(f"{'page':<28} {'wall ms':>9} {'x minimal':>10} {'cpu ms':>9} {'x minimal':>10}")
        worst = 0.0
        for (name, _url), (ms, cpu_ms) in zip(pages, medians, strict=True):
            ratio = ms / base_wall
            worst = max(worst, ratio)
            print(f"{name:<28} {ms:>9.2f} {ratio:>10.1f} {cpu_ms:>9.2f} {cpu_ms / base_cpu:>10.1f}")
        page_ratio = medians[1][0] / base_wall
        print(
            "target the assessment page within 5x the minimal view (wall): "
            f"{'met' if page_ratio <= 5 else 'NOT met'} ({page_ratio:.1f}x)"
        )
        verdict = "met" if worst < 10 else "NOT met"
        print(
            f"target every page under 10x the minimal view (wall): {verdict} (worst {worst:.1f}x)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if not os.environ.get("BENCH_DIR"):  # a folder of our own making: remove it
            from django.conf import settings

            shutil.rmtree(settings.BENCH_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
