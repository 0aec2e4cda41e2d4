"""The retention purge: case notes and contact details go a set time after publication;
counts, the cases, the sample, sessions and the derived evidence (without personal data) stay,
and nothing else is touched."""

import datetime

import pytest
from django.apps import apps
from django.test import override_settings

from assessments.models import AssessmentStatus, QualityStatement
from audit.models import AuditEvent
from evidence.models import EvidenceItem
from fieldwork import services, tasks
from fieldwork.models import Case, ContactAttempt, JourneyNote, RetentionPurge, SampleDraw
from fieldwork.services.retention import months_before
from tests.factories import AssessmentFactory, EvidenceItemFactory, council

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 2, 3)


def _track(assessment, actor, case):
    services.case_consent_record(actor=actor, case=case, status="given", on=DAY)
    services.contact_attempt_create(
        actor=actor, case=case, on=DAY, method="phone", outcome="spoke", details="07700 900123"
    )
    statements = list(QualityStatement.objects.filter(framework=assessment.framework, number=1))
    return services.journey_note_create(
        actor=actor, case=case, text="Mrs X waited twelve weeks.", statements=statements, on=DAY
    )


def _publish(assessment, on):
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_on = on
    assessment.save()


def _row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("sessions", "contenttypes")
    }


def test_months_before():
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 1) == datetime.date(2025, 12, 15)


@override_settings(FIELDWORK_RETENTION_MONTHS=6)
def test_purge_deletes_notes_and_contacts_and_keeps_everything_else(
    draw, assessment, assessor, lead_assessor, nottingham
):
    tracked = list(Case.objects.filter(assessment=assessment, in_sample=True)[:2])
    notes = [_track(assessment, assessor, case) for case in tracked]
    other_evidence = EvidenceItemFactory(assessment=assessment, narrative="Survey results.")
    # Another council's assessment, published long ago too, with no case data: untouched.
    AssessmentFactory(council=nottingham, status=AssessmentStatus.PUBLISHED)
    _publish(assessment, datetime.date(2025, 6, 2))

    # Not due the day before the period ends.
    assert services.fieldwork_purge_due(today=datetime.date(2025, 12, 1)) == []
    assert (
        services.fieldwork_purge(assessment_id=assessment.pk, today=datetime.date(2025, 12, 1))
        is None
    )
    before = _row_counts()

    assert services.fieldwork_purge_due(today=datetime.date(2025, 12, 2)) == [assessment.pk]
    purge = services.fieldwork_purge(assessment_id=assessment.pk, today=datetime.date(2025, 12, 2))
    assert purge.counts == {
        "cases": 30, "contact_attempts_deleted": 2, "journey_notes_blanked": 2,
        "evidence_items_kept": 2, "audit_values_redacted": 2,
    }  # fmt: skip
    # The note's words are gone from the evidence's recorded history too.
    assert not [e for e in AuditEvent.objects.all() if "Mrs X" in str(e.changes)]

    # Purged: contact details gone, note texts blank, evidence no longer personal data.
    assert not ContactAttempt.objects.exists()
    for note in JourneyNote.objects.all():
        assert note.text == "" and note.purged_at is not None
        item = note.evidence_item
        assert "Mrs X" not in item.narrative and not item.contains_personal_data
        assert item.category.code == "peoples-experience"
        assert [s.number for s in item.statements.all()] == [1]
    # Counts kept on the cases.
    assert sorted(Case.objects.filter(contact_attempts_purged=1).values_list("pk", flat=True)) == (
        sorted(case.pk for case in tracked)
    )
    # Nothing else lost: every table has the same number of rows except the attempts deleted
    # and the purge and audit rows added.
    after = _row_counts()
    changed = {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }
    assert changed == {
        "fieldwork.ContactAttempt": (2, 0),
        "fieldwork.RetentionPurge": (0, 1),
        "audit.AuditEvent": (before["audit.AuditEvent"], before["audit.AuditEvent"] + 1),
    }
    other_evidence.refresh_from_db()
    assert other_evidence.narrative == "Survey results." and other_evidence.version == 1
    assert SampleDraw.objects.get().case_references == draw.case_references
    event = AuditEvent.objects.get(action="fieldwork.purge")
    assert event.assessment_id == assessment.pk and event.changes["contact_attempts_deleted"] == [
        None,
        2,
    ]
    assert all(n.evidence_item_id for n in notes)

    # Running again purges nothing more.
    assert services.fieldwork_purge_due(today=datetime.date(2026, 6, 1)) == []
    assert RetentionPurge.objects.count() == 1


@override_settings(FIELDWORK_RETENTION_MONTHS=6)
def test_the_scheduled_task_purges_what_is_due(draw, assessment, assessor):
    _track(assessment, assessor, Case.objects.filter(in_sample=True).first())
    _publish(assessment, datetime.date(2020, 1, 6))
    assert tasks.purge_expired_case_data() == 1
    assert tasks.purge_expired_case_data() == 0
    assert EvidenceItem.objects.filter(contains_personal_data=True).count() == 0


def test_the_task_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["fieldwork-retention-purge"]
    assert entry["task"] == tasks.purge_expired_case_data.name
    assert settings.FIELDWORK_RETENTION_MONTHS == 6


def test_unpublished_assessments_are_never_purged(draw, assessment, assessor):
    _track(assessment, assessor, Case.objects.filter(in_sample=True).first())
    assert services.fieldwork_purge_due(today=datetime.date(2030, 1, 1)) == []
    assert council("Suffolk") == assessment.council
