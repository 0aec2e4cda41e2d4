"""The demo data gives every demo assessment (work in progress) realistic evidence for every
statement; the real published results (imported) carry none."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from assessments.models import Assessment, AssessmentKind
from audit.models import AuditEvent
from demo.seed.evidence import seed_evidence
from evidence.models import Attachment, EvidenceItem

pytestmark = pytest.mark.django_db

# The assessments `seed_evidence` fills; the council portal's demo assessment (Lincolnshire,
# demo/seed/returns.py) is demo data too but gets its evidence from the council's answers.
EVIDENCE_DEMO_COUNCILS = ["Birmingham", "Suffolk"]


def test_seed_demo_loads_at_least_five_varied_items_per_statement(capsys):
    call_command("seed_demo")
    assert sorted(
        Assessment.objects.filter(is_demo=True).values_list("council__name", flat=True)
    ) == [
        "Birmingham",
        "Herefordshire",  # published, corrected, with an action plan (demo/seed/published.py)
        "Lincolnshire",
        "Suffolk",
    ]
    demo_ones = Assessment.objects.filter(is_demo=True, council__name__in=EVIDENCE_DEMO_COUNCILS)
    assert not EvidenceItem.objects.filter(assessment__imported=True).exists()
    through = EvidenceItem.statements.through
    per_statement = (
        through.objects.filter(evidenceitem__assessment__in=demo_ones)
        .values("evidenceitem__assessment_id", "qualitystatement__number")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert len(per_statement) == 2 * 9 and min(per_statement) >= 5
    # The open formal assessments have evidence too, so their pages have something to show.
    for open_one in Assessment.objects.exclude(kind=AssessmentKind.PILOT).filter(
        status__in=["scoring", "factual_accuracy"]
    ):
        assert open_one.evidence_items.count() >= 9 * 5
    items = EvidenceItem.objects.all()
    assert {i.route for i in items} == {"held", "requested", "collected"}
    assert {i.direction for i in items} == {"positive", "negative", "neutral"}
    assert len({i.source_type for i in items}) >= 7
    assert items.values("category").distinct().count() == 4
    assert items.filter(contains_personal_data=True).exists()
    assert AuditEvent.objects.filter(action="evidence.create").count() == items.count()


def test_demo_evidence_is_deterministic():
    call_command("seed_demo")
    first = list(
        EvidenceItem.objects.filter(
            assessment__is_demo=True, assessment__council__name__in=EVIDENCE_DEMO_COUNCILS
        )
        .order_by("pk")
        .values_list("title", "direction", "route")
    )
    assessments = list(
        Assessment.objects.filter(is_demo=True, council__name__in=EVIDENCE_DEMO_COUNCILS).order_by(
            "pk"
        )
    )
    users = {"lead": assessments[0].lead_assessor, "assessor": assessments[0].lead_assessor}
    pilot_items = EvidenceItem.objects.filter(assessment__in=assessments)
    Attachment.objects.filter(evidence_item__in=pilot_items).delete()
    EvidenceItem.statements.through.objects.filter(evidenceitem__in=pilot_items).delete()
    pilot_items.delete()
    again = seed_evidence(users, assessments)
    assert [(i.title, i.direction, i.route) for i in again] == first


def test_demo_attachments_are_real_files_of_their_type():
    import hashlib
    import io

    from django.core.files.storage import storages
    from pypdf import PdfReader

    from core import filetypes

    call_command("seed_demo")
    attachments = list(Attachment.objects.all())
    assert {a.content_type for a in attachments} == {"text/csv", "application/pdf"}
    for attachment in attachments[:20]:
        content = storages["private"].open(attachment.stored_name).read()
        assert hashlib.sha256(content).hexdigest() == attachment.sha256
        assert filetypes.detect_kind(io.BytesIO(content)).content_type == attachment.content_type
    pdf = next(a for a in attachments if a.content_type == "application/pdf")
    reader = PdfReader(storages["private"].open(pdf.stored_name))
    assert pdf.evidence_item.title[:20] in reader.pages[0].extract_text()
