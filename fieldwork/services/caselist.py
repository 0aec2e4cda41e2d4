"""The council's case list: uploaded as CSV, all rows or none, with line-numbered errors."""

from __future__ import annotations

import csv
import io
import re

from django.db import transaction

import policy
from assessments.models import Assessment
from assessments.services.assessments import locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record
from core.csv_import import CsvImportError, DuplicateTracker, decode, read_table
from fieldwork.errors import FieldworkError
from fieldwork.models import Case, CaseList

COLUMNS = [
    "case_reference",
    "age_band",
    "primary_support_reason",
    "service_type",
    "locality",
    "is_carer",
]
MAX_ROWS = 5_000
MAX_BYTES = 2 * 1024 * 1024

# Column names that suggest the file holds who the person is, not a pseudonymous reference.
_IDENTIFYING = (
    (re.compile(r"nhs|chi_?number"), "an NHS number"),
    (re.compile(r"birth|dob|d_o_b|birthday"), "a date of birth"),
    (re.compile(r"name|forename|surname|initials"), "a name"),
)
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_/-]{0,39}$")
# Ten digits, perhaps spaced 3-3-4: the shape of an NHS number.
_NHS_NUMBER = re.compile(r"^\d{3}\s?\d{3}\s?\d{4}$")
_AGE_BAND = re.compile(r"^(\d{1,3})(?:-(\d{1,3})|\+)$")
_DATE_LIKE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")


def _normalised(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def identifying_columns(header: list[str]) -> list[str]:
    """A message for each column that looks like a name, NHS number or date of birth."""
    problems = []
    for raw in header:
        column = _normalised(raw)
        for pattern, what in _IDENTIFYING:
            if pattern.search(column):
                problems.append(f"column “{raw.strip()}” looks like {what}")
                break
    return problems


def _header(text: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return []


def parse_case_list(data: bytes | str) -> list[dict]:
    """The rows of a case list file, checked; raises CsvImportError listing every problem
    (a column that looks like a name, NHS number or date of birth stops the file at line 1)."""
    if len(data) > MAX_BYTES:
        raise CsvImportError(["The file is larger than 2 MB."])
    text = decode(data)
    identifying = identifying_columns(_header(text))
    if identifying:
        raise CsvImportError(
            [
                f"Line 1: {'; '.join(identifying)}. A case list must not say who people are: "
                "send a case reference of your own (never a name, NHS number or date of birth) "
                "and remove the other columns."
            ]
        )
    table = read_table(text, required=COLUMNS)
    if len(table.rows) > MAX_ROWS:
        raise CsvImportError([f"The file has more than {MAX_ROWS:,} cases."])
    seen = DuplicateTracker()
    rows = []
    for row in table.rows:
        reference = row.text("case_reference", max_length=40)
        if reference:
            if _NHS_NUMBER.match(reference):
                row.problem("case_reference looks like an NHS number: use a reference of your own")
            elif not _REFERENCE.match(reference):
                row.problem(
                    f"case_reference {reference!r} must be letters, digits, hyphens, slashes "
                    "or underscores"
                )
            else:
                row.check_duplicate(seen, reference.upper(), f"case {reference}")
        age_band = row.text("age_band", max_length=20)
        if age_band:
            match = _AGE_BAND.match(age_band)
            if _DATE_LIKE.match(age_band):
                row.problem("age_band looks like a date of birth: give a band such as 65-74")
            elif not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
                row.problem(f"age_band {age_band!r} is not a band such as 18-64 or 85+")
        values = {
            column: row.text(column, max_length=100)
            for column in ("primary_support_reason", "service_type", "locality")
        }
        is_carer = row.boolean("is_carer")
        if row.ok:
            rows.append(
                {
                    "reference": reference,
                    "age_band": age_band,
                    "is_carer": is_carer,
                    "line": row.line,
                    **values,
                }
            )
    table.raise_if_errors()
    return rows


@transaction.atomic
def case_list_upload(*, actor, assessment: Assessment, data: bytes | str, name: str) -> CaseList:
    """Load the council's case list (all rows or none), replacing an earlier upload until the
    team draws a sample. Raises FieldworkError when the user may not upload or a sample is
    drawn, CsvImportError listing every bad row. Records one audit event (counts only)."""
    assessment = locked_assessment(assessment)
    if not policy.can_upload_case_list(actor, assessment):
        raise FieldworkError(
            "Only the council can upload its case list, while the assessment is planned or "
            "gathering evidence."
        )
    if assessment.sample_draws.exists():
        raise FieldworkError(
            "The team has drawn its sample from the case list already, so it cannot be "
            "replaced. Contact the lead assessor."
        )
    rows = parse_case_list(data)
    replaced = Case.objects.filter(assessment=assessment).count()
    Case.objects.filter(assessment=assessment).delete()
    Case.objects.bulk_create(Case(assessment=assessment, **row) for row in rows)
    case_list, _ = CaseList.objects.update_or_create(
        assessment=assessment,
        defaults={
            "original_name": (name or "cases.csv")[:255],
            "uploaded_by": actor,
            "row_count": len(rows),
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_LIST_UPLOAD,
        target=case_list,
        assessment=assessment,
        changes={"cases": [replaced, len(rows)]},
    )
    return case_list
