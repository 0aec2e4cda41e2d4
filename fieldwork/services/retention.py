"""Retention of case data: deleted a configurable time after publication, counts kept."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus
from audit.actions import AuditAction
from audit.services import audit_record, audit_redact
from evidence.models import EvidenceItem
from fieldwork.models import Case, ContactAttempt, JourneyNote, RetentionPurge
from search import signals as search_signals

PURGED_NARRATIVE = (
    "A note of a tracked person's care journey (case {reference}). The note itself was "
    "deleted on {day} at the end of the retention period for case data; this evidence item, "
    "its statements and its category are kept."
)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def fieldwork_purge_due(*, today: datetime.date | None = None) -> list[int]:
    """Ids of published assessments whose case data is past the retention period
    (settings.FIELDWORK_RETENTION_MONTHS after publication) and not purged yet."""
    today = today or timezone.localdate()
    cutoff = months_before(today, settings.FIELDWORK_RETENTION_MONTHS)
    return list(
        Assessment.objects.filter(
            status=AssessmentStatus.PUBLISHED,
            published_on__lte=cutoff,
            fieldwork_purge__isnull=True,
            cases__isnull=False,
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def fieldwork_purge(
    *, assessment_id: int, today: datetime.date | None = None
) -> RetentionPurge | None:
    """Delete one assessment's case notes and contact details once its retention period has
    passed: contact attempts are deleted (their number kept on each case), journey notes
    and the narrative of the evidence made from them are blanked (the evidence item, its
    statements and category stay, no longer personal data). The cases (pseudonymous), the
    sample, sessions and every other row stay. Writes a RetentionPurge row and one audit
    event. Safe to run twice: returns None when already purged or not due."""
    today = today or timezone.localdate()
    assessment = Assessment.objects.select_for_update().get(pk=assessment_id)
    if assessment_id not in fieldwork_purge_due(today=today):
        return None
    now = timezone.now()
    cases = list(Case.objects.select_for_update().filter(assessment=assessment))
    attempts = ContactAttempt.objects.filter(case__assessment=assessment)
    attempt_counts: dict[int, int] = {}
    for case_id in attempts.values_list("case_id", flat=True):
        attempt_counts[case_id] = attempt_counts.get(case_id, 0) + 1
    for case in cases:
        case.contact_attempts_purged = attempt_counts.get(case.pk, 0)
        case.purged_at = now
    Case.objects.bulk_update(cases, ["contact_attempts_purged", "purged_at"])
    deleted_attempts, _ = attempts.delete()
    notes = list(
        JourneyNote.objects.filter(
            case__assessment=assessment, purged_at__isnull=True
        ).select_related("case", "evidence_item")
    )
    items = []
    for note in notes:
        note.text = ""
        note.purged_at = now
        item = note.evidence_item
        item.narrative = PURGED_NARRATIVE.format(
            reference=note.case.reference, day=today.strftime("%-d %B %Y")
        )
        item.contains_personal_data = False
        item.version += 1
        items.append(item)
    JourneyNote.objects.bulk_update(notes, ["text", "purged_at"])
    EvidenceItem.objects.bulk_update(items, ["narrative", "contains_personal_data", "version"])
    # The note's words must not live on in the evidence's change history or the search index.
    item_ids = [item.pk for item in items]
    redacted = audit_redact(
        model=EvidenceItem, ids=item_ids, fields=("narrative",), replacement="[purged]"
    )
    for pk in item_ids:
        search_signals.schedule("evidence", pk)
    counts = {
        "cases": len(cases),
        "contact_attempts_deleted": deleted_attempts,
        "journey_notes_blanked": len(notes),
        "evidence_items_kept": len(items),
        "audit_values_redacted": redacted,
    }
    purge = RetentionPurge.objects.create(assessment=assessment, counts=counts)
    audit_record(
        actor=None,
        action=AuditAction.FIELDWORK_PURGE,
        target=assessment,
        assessment=assessment,
        changes={key: [None, value] for key, value in counts.items()},
        note=f"Retention period: {settings.FIELDWORK_RETENTION_MONTHS} months after publication.",
    )
    return purge
