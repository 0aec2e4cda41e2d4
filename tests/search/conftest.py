import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from evidence.models import Attachment, AttachmentPreview
from search import services
from tests.factories import AssessmentFactory, EvidenceItemFactory


@pytest.fixture
def reindex(db):
    """Rebuild the index from the objects (the signals index on commit, which a test's
    rolled-back transaction never reaches; tests/search/test_indexing.py covers them)."""
    return lambda: services.reindex_all()


def attach(item, name, *, text="", status="ready", note=""):
    stored = storages["private"].save(f"search/{name}", ContentFile(b"%PDF-1.4 test"))
    attachment = Attachment.objects.create(
        evidence_item=item,
        original_name=name,
        stored_name=stored,
        content_type="application/pdf",
        size=13,
        sha256="0" * 64,
        uploaded_by=item.author,
    )
    AttachmentPreview.objects.create(attachment=attachment, status=status, text=text, note=note)
    return attachment


@pytest.fixture
def suffolk_case(db, suffolk, lead_assessor, assessor):
    """Suffolk in evidence gathering with three evidence items."""
    assessment = AssessmentFactory(
        council=suffolk, lead_assessor=lead_assessor, assessors=[assessor]
    )
    EvidenceItemFactory(
        assessment=assessment,
        title="Waiting times for care act assessments",
        narrative="People waited a median of 41 days for a Care Act assessment in Ipswich.",
        effective_date=datetime.date(2025, 2, 3),
    )
    EvidenceItemFactory(
        assessment=assessment,
        title="Carers' survey",
        narrative="Carers said direct payments were hard to arrange; waiting was the main theme.",
        effective_date=datetime.date(2025, 3, 10),
        statements=list(assessment.framework.quality_statements.filter(number=2)),
    )
    EvidenceItemFactory(
        assessment=assessment,
        title="Case note: Mrs A",
        narrative="Mrs A waited three months; her daughter is her carer.",
        contains_personal_data=True,
        effective_date=datetime.date(2025, 3, 12),
    )
    return assessment
