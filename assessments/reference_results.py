"""The real published results bundled with the product (assessments/data/, see its README):
CQC's 45 formal local authority assessments published May 2024 to June 2025 and the five
2023 pilots (indicative). They are loaded through the same results import a user would use,
by `manage.py load_reference_results` (run by `make demo` and in every deployment)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from assessments.dates import parse_published
from assessments.models import Assessment, AssessmentStatus

DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAL_FILE = DATA_DIR / "cqc_published_results.csv"
PILOT_FILE = DATA_DIR / "cqc_pilot_results_2023.csv"
REFERENCE_FILES = (FORMAL_FILE, PILOT_FILE)


@dataclass(frozen=True)
class LoadReport:
    file: str
    rows: int
    loaded: int
    already: int


def _not_yet_loaded(text: str) -> tuple[str, int, int]:
    """The file's text without the rows already loaded; (text, rows in file, rows already)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    loaded = set(
        Assessment.objects.filter(status=AssessmentStatus.PUBLISHED, imported=True).values_list(
            "council__gss_code", "published_on"
        )
    )
    fieldnames = list(rows[0].keys()) if rows else []
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    already = 0
    for row in rows:
        if (row["gss_code"], parse_published(row["published"])[0]) in loaded:
            already += 1
        else:
            writer.writerow(row)
    return out.getvalue(), len(rows), already


def reference_results_load(*, actor=None) -> list[LoadReport]:
    """Load every bundled result not loaded yet (safe to run again: loaded rows are skipped).

    Raises services.ResultsImportError if a file has a bad row (nothing of that file loads).
    """
    from assessments.services import published_results_import

    reports = []
    for path in REFERENCE_FILES:
        text, rows, already = _not_yet_loaded(path.read_text(encoding="utf-8"))
        created = []
        if rows > already:
            created = published_results_import(
                actor=actor, text=text, source=f"CQC published results, {path.name}"
            )
        reports.append(LoadReport(path.name, rows, len(created), already))
    return reports
