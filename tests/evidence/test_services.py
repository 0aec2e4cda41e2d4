"""Evidence services: validation against the framework data, attachments, versions, audit."""

import datetime
import hashlib

import pytest
from django.core.files.storage import storages

from assessments.models import AssessmentStatus, StatementCategory
from audit.models import AuditEvent
from evidence import services
from evidence.models import Attachment, EvidenceItem, EvidenceStatement, PendingUpload
from evidence.services import EvidenceError, StaleEvidenceError
from tests.evidence.conftest import PDF_BYTES, PNG_BYTES, upload
from tests.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def _fields(statements, category, **overrides):
    values = {
        "statements": statements,
        "category": category,
        "route": "collected",
        "source_type": "case_tracking",
        "title": "Case tracking: six files",
        "narrative": "Assessments were timely and strengths-based in five of six files.",
        "direction": "positive",
        "effective_date": datetime.date(2025, 3, 1),
        "contains_personal_data": False,
    }
    values.update(overrides)
    return values


def test_evidence_create_links_statements_attaches_files_and_audits(
    assessment, lead_assessor, statement1, statement7, peoples_experience
):
    pending = services.pending_upload_create(
        actor=lead_assessor, upload=upload("../../secret/case notes.pdf", PDF_BYTES)
    )
    item = services.evidence_create(
        actor=lead_assessor,
        assessment=assessment,
        uploads=[pending],
        **_fields([statement1, statement7], peoples_experience),
    )
    assert set(item.statements.all()) == {statement1, statement7}
    assert set(item.statement_links.values_list("assessment_id", flat=True)) == {assessment.pk}
    attachment = item.attachments.get()
    assert attachment.original_name == "case notes.pdf"
    assert attachment.stored_name.startswith("evidence/") and "case" not in attachment.stored_name
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert storages["private"].open(attachment.stored_name).read() == PDF_BYTES
    assert not PendingUpload.objects.exists()
    event = AuditEvent.objects.get(action="evidence.create")
    assert event.actor == lead_assessor and event.assessment == assessment
    assert event.changes["title"] == [None, "Case tracking: six files"]
    assert event.changes["attachments"] == [None, ["case notes.pdf"]]


def test_category_must_apply_to_every_statement(
    assessment, lead_assessor, statement1, statement7, processes
):
    StatementCategory.objects.filter(statement=statement7, category=processes).delete()
    with pytest.raises(EvidenceError, match="not an evidence category for 7. Safeguarding") as exc:
        services.evidence_create(
            actor=lead_assessor,
            assessment=assessment,
            **_fields([statement1, statement7], processes),
        )
    assert exc.value.field == "category"
    assert not EvidenceItem.objects.exists()


def test_category_not_used_for_councils_is_refused(
    assessment, lead_assessor, statement1, observation
):
    with pytest.raises(EvidenceError, match="Observation is not an evidence category"):
        services.evidence_create(
            actor=lead_assessor, assessment=assessment, **_fields([statement1], observation)
        )


def test_a_failed_create_leaves_nothing_half_saved(
    assessment, lead_assessor, statement1, peoples_experience
):
    pending = services.pending_upload_create(actor=lead_assessor, upload=upload("a.png", PNG_BYTES))
    with pytest.raises(EvidenceError):
        services.evidence_create(
            actor=lead_assessor,
            assessment=assessment,
            uploads=[pending],
            **_fields([statement1], peoples_experience, route="teleported"),
        )
    assert not EvidenceItem.objects.exists()
    assert not Attachment.objects.exists()
    assert PendingUpload.objects.filter(pk=pending.pk).exists()  # still offered to the user
    assert not AuditEvent.objects.filter(action__startswith="evidence").exists()


def test_evidence_cannot_be_added_once_the_draft_goes_to_the_council(
    assessment, lead_assessor, statement1, peoples_experience
):
    assessment.status = AssessmentStatus.FACTUAL_ACCURACY
    assessment.save()
    with pytest.raises(EvidenceError, match="Factual accuracy check"):
        services.evidence_create(
            actor=lead_assessor, assessment=assessment, **_fields([statement1], peoples_experience)
        )


def test_oversize_upload_is_refused_naming_the_limit(lead_assessor, settings):
    settings.ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    big = upload("big.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024))
    with pytest.raises(EvidenceError, match="must be smaller than 20 MB"):
        services.pending_upload_create(actor=lead_assessor, upload=big)
    assert not PendingUpload.objects.exists()


def test_upload_limit_comes_from_settings(lead_assessor, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(EvidenceError, match="smaller than 1 KB"):
        services.pending_upload_create(
            actor=lead_assessor, upload=upload("a.pdf", PDF_BYTES + b"0" * 1024)
        )


def test_renamed_executable_is_refused(lead_assessor, private_root):
    with pytest.raises(EvidenceError, match="must be a PDF, DOCX, XLSX, CSV, PNG or JPEG file"):
        services.pending_upload_create(
            actor=lead_assessor,
            upload=upload("report.pdf", b"MZ\x90\x00 executable", "application/pdf"),
        )
    assert not private_root.exists() or not any(private_root.rglob("*.*"))


def test_update_changes_fields_bumps_version_and_records_before_and_after(
    assessment, lead_assessor, assessor, statement1, statement7, processes
):
    item = EvidenceItemFactory(assessment=assessment)
    updated = services.evidence_update(
        actor=assessor,
        item=item,
        version=1,
        **_fields(
            [statement1, statement7], processes, title="Safeguarding policy", direction="negative"
        ),
    )
    assert updated.version == 2
    assert updated.title == "Safeguarding policy"
    event = AuditEvent.objects.get(action="evidence.update")
    assert event.actor == assessor
    assert event.changes["title"] == [item.title, "Safeguarding policy"]
    assert event.changes["direction"] == ["positive", "negative"]
    assert event.changes["category"] == ["People's experience", "Processes"]
    assert event.changes["statements"] == [
        ["1. Assessing needs"],
        ["1. Assessing needs", "7. Safeguarding"],
    ]
    # Every link carries the item's assessment: statement pages count links by it.
    links = EvidenceStatement.objects.filter(evidenceitem=item)
    assert sorted(links.values_list("qualitystatement__number", "assessment_id")) == [
        (1, assessment.pk),
        (7, assessment.pk),
    ]


def test_stale_version_is_refused_and_nothing_is_overwritten(
    assessment, lead_assessor, assessor, statement1, peoples_experience
):
    item = EvidenceItemFactory(assessment=assessment)
    services.evidence_update(
        actor=lead_assessor,
        item=item,
        version=1,
        **_fields([statement1], peoples_experience, title="First save"),
    )
    with pytest.raises(StaleEvidenceError) as exc:
        services.evidence_update(
            actor=assessor,
            item=item,
            version=1,
            **_fields([statement1], peoples_experience, title="Second save"),
        )
    assert exc.value.current.title == "First save"
    item.refresh_from_db()
    assert item.title == "First save" and item.version == 2
    assert AuditEvent.objects.filter(action="evidence.update").count() == 1


def test_withdraw_keeps_the_item_marked_and_audited(assessment, lead_assessor):
    item = EvidenceItemFactory(assessment=assessment)
    services.evidence_withdraw(actor=lead_assessor, item=item, version=1, reason="Duplicate")
    item.refresh_from_db()
    assert item.is_withdrawn and item.withdrawn_by == lead_assessor
    assert item.withdrawn_reason == "Duplicate" and item.version == 2
    event = AuditEvent.objects.get(action="evidence.withdraw")
    assert event.changes == {"withdrawn": [False, True], "withdrawn_reason": ["", "Duplicate"]}
    with pytest.raises(EvidenceError, match="already been withdrawn"):
        services.evidence_withdraw(actor=lead_assessor, item=item, version=2, reason="Again")


def test_withdrawn_item_cannot_be_edited(assessment, lead_assessor, statement1, peoples_experience):
    item = EvidenceItemFactory(assessment=assessment)
    services.evidence_withdraw(actor=lead_assessor, item=item, version=1, reason="Wrong council")
    with pytest.raises(EvidenceError, match="Withdrawn evidence cannot be changed"):
        services.evidence_update(
            actor=lead_assessor, item=item, version=2, **_fields([statement1], peoples_experience)
        )


def test_pending_uploads_belong_to_their_uploader(lead_assessor, assessor):
    pending = services.pending_upload_create(actor=lead_assessor, upload=upload("a.pdf", PDF_BYTES))
    assert services.pending_uploads_for(actor=assessor, tokens=[pending.token]) == []
    assert services.pending_uploads_for(actor=lead_assessor, tokens=[pending.token]) == [pending]


def test_unclaimed_pending_uploads_are_purged_with_their_files(lead_assessor):
    pending = services.pending_upload_create(actor=lead_assessor, upload=upload("a.pdf", PDF_BYTES))
    assert storages["private"].exists(pending.stored_name)
    assert services.pending_uploads_purge(older_than=datetime.timedelta(0)) == 1
    assert not storages["private"].exists(pending.stored_name)
    assert not PendingUpload.objects.exists()


def test_purge_command_deletes_unclaimed_uploads(lead_assessor):
    from io import StringIO

    from django.core.management import call_command

    services.pending_upload_create(actor=lead_assessor, upload=upload("a.pdf", PDF_BYTES))
    out = StringIO()
    call_command("purge_pending_uploads", "--hours", "0", stdout=out)
    assert "Deleted 1 unclaimed upload." in out.getvalue()
    assert not PendingUpload.objects.exists()


def test_a_pending_upload_attaches_to_one_item_only(
    assessment, lead_assessor, statement1, peoples_experience
):
    pending = services.pending_upload_create(actor=lead_assessor, upload=upload("a.pdf", PDF_BYTES))
    services.evidence_create(
        actor=lead_assessor,
        assessment=assessment,
        uploads=[pending],
        **_fields([statement1], peoples_experience),
    )
    with pytest.raises(EvidenceError, match="attached by another save"):
        services.evidence_create(
            actor=lead_assessor,
            assessment=assessment,
            uploads=[pending],  # the same form submitted twice
            **_fields([statement1], peoples_experience, title="Duplicate submit"),
        )
    assert EvidenceItem.objects.count() == 1 and Attachment.objects.count() == 1
