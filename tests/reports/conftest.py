"""Fixtures for report tests: realistic assessments and reading PDFs back."""

import io
from unittest import mock

import pytest
from pypdf import PdfReader

from assessments.models import AssessmentKind, AssessmentStatus
from reports.sample import build_assessment


def pdf_text(content: bytes) -> str:
    """All the text of a PDF, pages joined, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def scored_assessment(db, suffolk, lead_assessor, assessor):
    """Suffolk in scoring, 2,2,2,3,3,2,3,3,3 -> 64% good (a published 2025 example)."""
    assessment = build_assessment(
        council=suffolk,
        author=lead_assessor,
        scores=(2, 2, 2, 3, 3, 2, 3, 3, 3),
        evidence_per_statement=6,
        paragraphs=1,
    )
    assessment.assessors.set([assessor])
    return assessment


@pytest.fixture
def published_assessment(db, nottingham, lead_assessor):
    """Nottingham published, 3,3,4,3,4,4,3,4,4 -> 89% outstanding."""
    return build_assessment(
        council=nottingham,
        author=lead_assessor,
        status=AssessmentStatus.PUBLISHED,
        evidence_per_statement=3,
        paragraphs=1,
    )


@pytest.fixture
def pilot_assessment(db, lead_assessor):
    from tests.factories import council

    return build_assessment(
        council=council("Birmingham"),
        author=lead_assessor,
        kind=AssessmentKind.PILOT,
        scores=(3, 3, 2, 3, 2, 2, 2, 2, 2),
        evidence_per_statement=2,
        paragraphs=1,
    )


@pytest.fixture
def quiet_queue():
    """Record renders and exports without sending them to the broker."""
    with (
        mock.patch("reports.tasks.render_report.apply_async"),
        mock.patch("reports.tasks.build_bulk_export.apply_async"),
    ):
        yield


@pytest.fixture
def private_root(settings, tmp_path):
    """A private storage of this test's own, so the folders it inspects hold only its files."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
