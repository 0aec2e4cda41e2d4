"""Writes to evidence: items, their attachments and uploads awaiting a save.

Every state-changing service is atomic, takes actor=, validates before saving and writes one
audit record. Domain refusals raise EvidenceError (or its StaleEvidenceError) with a message
fit to show to the user.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    OPEN_FOR_EVIDENCE,
    Assessment,
    EvidenceCategory,
    QualityStatement,
    StatementCategory,
)
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from core import errors, uploads
from core.models import StoredFile
from evidence import previews
from evidence.models import Attachment, EvidenceItem, PendingUpload

AUDITED_FIELDS = (
    "statements",
    "category",
    "route",
    "source_type",
    "title",
    "narrative",
    "direction",
    "effective_date",
    "contains_personal_data",
    "attachments",
)
EDITABLE_STATUSES = OPEN_FOR_EVIDENCE
PENDING_UPLOAD_LIFETIME = datetime.timedelta(days=1)


class EvidenceError(errors.DomainError):
    """A domain rule refused the change; the message is fit to show to the user (`field`, when
    given, names the input it concerns)."""


class StaleEvidenceError(EvidenceError, errors.StaleVersionError):
    """The item changed since the user opened it; `current` is the item as now stored."""

    def __init__(self, current: EvidenceItem):
        super().__init__(
            "This evidence was changed by someone else since you opened it. "
            "Your changes have not been saved.",
            current=current,
        )


def private_storage():
    return storages["private"]


# ---- uploads ----------------------------------------------------------------------------


def pending_upload_create(*, actor, upload) -> PendingUpload:
    """Check an uploaded file and keep it, under a generated name, until the form is saved.

    Raises EvidenceError when the file is empty, over ATTACHMENT_MAX_BYTES or not one of the
    allowed types by its content (PDF, DOCX, XLSX, CSV, PNG, JPEG).
    """
    try:
        stored = uploads.store_upload(upload, folder="evidence")
    except ValidationError as exc:
        raise EvidenceError(" ".join(exc.messages), field="attachments") from None
    try:
        return PendingUpload.objects.create(
            token=secrets.token_urlsafe(24),
            uploaded_by=actor,
            original_name=stored.original_name,
            stored_name=stored.stored_name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
        )
    except Exception:
        uploads.delete_stored(stored.stored_name)
        raise


def pending_uploads_for(*, actor, tokens: Iterable[str]) -> list[PendingUpload]:
    """The user's own unexpired pending uploads named by `tokens` (others' are ignored)."""
    tokens = [token for token in tokens if token]
    if not tokens:
        return []
    since = timezone.now() - PENDING_UPLOAD_LIFETIME
    return list(
        PendingUpload.objects.filter(
            token__in=tokens, uploaded_by=actor, created_at__gte=since
        ).order_by("created_at", "pk")
    )


def pending_uploads_purge(*, older_than: datetime.timedelta = PENDING_UPLOAD_LIFETIME) -> int:
    """Delete uploads never claimed by a save, and their files. Returns how many."""
    stale = list(PendingUpload.objects.filter(created_at__lt=timezone.now() - older_than))
    for upload in stale:
        private_storage().delete(upload.stored_name)
    PendingUpload.objects.filter(pk__in=[u.pk for u in stale]).delete()
    return len(stale)


def _attach(*, actor, item: EvidenceItem, uploads: Sequence[PendingUpload]) -> None:
    """Turn pending uploads into attachments of `item` (inside the caller's transaction).

    The pending rows are locked and re-read, so a form submitted twice at once cannot attach
    the same file to two items: the second save is refused and rolls back.
    """
    if not uploads:
        return
    wanted = {upload.pk for upload in uploads}
    uploads = list(PendingUpload.objects.select_for_update().filter(pk__in=wanted))
    if len(uploads) != len(wanted):
        raise EvidenceError(
            "Some of the files were attached by another save of this form. "
            "Check the evidence before trying again.",
            field="attachments",
        )
    rows = [
        Attachment(
            evidence_item=item,
            original_name=upload.original_name,
            stored_name=upload.stored_name,
            content_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_by=actor,
        )
        for upload in uploads
    ]
    Attachment.objects.bulk_create(rows)
    PendingUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()
    # Thumbnails and text for previews are made by the worker once the save commits.
    previews.previews_request(
        attachment_ids=Attachment.objects.filter(
            stored_name__in=[row.stored_name for row in rows]
        ).values_list("pk", flat=True)
    )


# ---- evidence items ---------------------------------------------------------------------


def _check_open(assessment: Assessment) -> None:
    if assessment.status not in EDITABLE_STATUSES:
        raise EvidenceError(
            "Evidence can no longer be changed: the assessment is at "
            f"“{assessment.get_status_display()}”."
        )


def _check_statements_and_category(
    *, assessment: Assessment, statements: Sequence[QualityStatement], category: EvidenceCategory
) -> None:
    """Statements must be of the assessment's framework; the category must apply to each."""
    if not statements:
        raise EvidenceError("Select at least one quality statement", field="statements")
    if any(statement.framework_id != assessment.framework_id for statement in statements):
        raise EvidenceError(
            "Select quality statements from this assessment's framework", field="statements"
        )
    valid_for = set(
        StatementCategory.objects.filter(statement__in=statements, category=category).values_list(
            "statement_id", flat=True
        )
    )
    missing = [s for s in statements if s.pk not in valid_for]
    if missing:
        names = ", ".join(str(s) for s in missing)
        raise EvidenceError(
            f"{category.name} is not an evidence category for {names}", field="category"
        )


def _full_clean(item: EvidenceItem) -> None:
    try:
        item.full_clean(exclude=["assessment", "author"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise EvidenceError(messages[0], field=field) from exc


@transaction.atomic
def evidence_create(
    *,
    actor,
    assessment: Assessment,
    statements: Sequence[QualityStatement],
    category: EvidenceCategory,
    route: str,
    source_type: str,
    title: str,
    narrative: str,
    direction: str,
    effective_date: datetime.date,
    contains_personal_data: bool = False,
    uploads: Sequence[PendingUpload] = (),
    linked_files: Sequence[StoredFile] = (),
) -> EvidenceItem:
    """Record a new evidence item with its attachments (all or nothing).

    `linked_files` are files already in the private storage (a council's answer): they are
    attached by reference, the same stored file and SHA-256, never copied.

    Raises EvidenceError when the assessment no longer takes evidence, a statement is not in
    its framework, the category does not apply to every statement or a field is invalid.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment)
    statements = list(statements)
    _check_statements_and_category(assessment=assessment, statements=statements, category=category)
    item = EvidenceItem(
        assessment=assessment,
        category=category,
        route=route,
        source_type=source_type,
        title=title.strip(),
        narrative=narrative.strip(),
        direction=direction,
        effective_date=effective_date,
        contains_personal_data=contains_personal_data,
        author=actor,
    )
    _full_clean(item)
    item.save()
    item.statements.set(statements, through_defaults={"assessment_id": item.assessment_id})
    _attach(actor=actor, item=item, uploads=uploads)
    Attachment.objects.bulk_create(
        Attachment(
            evidence_item=item,
            original_name=stored.original_name,
            stored_name=stored.stored_name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=stored.uploaded_by,
        )
        for stored in linked_files
    )
    audit_record(
        actor=actor,
        action=AuditAction.EVIDENCE_CREATE,
        target=item,
        assessment=assessment,
        changes={name: [None, value] for name, value in snapshot(item, AUDITED_FIELDS).items()},
    )
    return item


@transaction.atomic
def evidence_update(
    *,
    actor,
    item: EvidenceItem,
    version: int,
    statements: Sequence[QualityStatement],
    category: EvidenceCategory,
    route: str,
    source_type: str,
    title: str,
    narrative: str,
    direction: str,
    effective_date: datetime.date,
    contains_personal_data: bool,
    uploads: Sequence[PendingUpload] = (),
) -> EvidenceItem:
    """Change an evidence item the user opened at `version`, adding any new attachments.

    Raises StaleEvidenceError when the item changed since (nothing is saved), EvidenceError
    when it is withdrawn, the assessment no longer takes evidence or a value is invalid.
    """
    current = EvidenceItem.objects.select_for_update().get(pk=item.pk)
    if current.version != version:
        raise StaleEvidenceError(current)
    if current.is_withdrawn:
        raise EvidenceError("Withdrawn evidence cannot be changed.")
    assessment = current.assessment
    _check_open(assessment)
    statements = list(statements)
    _check_statements_and_category(assessment=assessment, statements=statements, category=category)
    before = snapshot(current, AUDITED_FIELDS)
    current.category = category
    current.route = route
    current.source_type = source_type
    current.title = title.strip()
    current.narrative = narrative.strip()
    current.direction = direction
    current.effective_date = effective_date
    current.contains_personal_data = contains_personal_data
    _full_clean(current)
    current.version = version + 1
    current.save()
    current.statements.set(statements, through_defaults={"assessment_id": current.assessment_id})
    _attach(actor=actor, item=current, uploads=uploads)
    changes = diff(before, snapshot(current, AUDITED_FIELDS))
    audit_record(
        actor=actor,
        action=AuditAction.EVIDENCE_UPDATE,
        target=current,
        assessment=assessment,
        changes=changes,
    )
    return current


@transaction.atomic
def evidence_withdraw(*, actor, item: EvidenceItem, version: int, reason: str) -> EvidenceItem:
    """Withdraw an item: it stays in the record, marked, and no longer counts as evidence.

    Raises StaleEvidenceError when the item changed since the user opened it, EvidenceError
    when it is already withdrawn, the reason is empty or the assessment is closed to evidence.
    """
    current = EvidenceItem.objects.select_for_update().get(pk=item.pk)
    if current.version != version:
        raise StaleEvidenceError(current)
    if current.is_withdrawn:
        raise EvidenceError("This evidence has already been withdrawn.")
    _check_open(current.assessment)
    reason = reason.strip()
    if not reason:
        raise EvidenceError("Enter why the evidence is being withdrawn", field="reason")
    current.withdrawn_at = timezone.now()
    current.withdrawn_by = actor
    current.withdrawn_reason = reason
    current.version = version + 1
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVIDENCE_WITHDRAW,
        target=current,
        assessment=current.assessment,
        changes={"withdrawn": [False, True], "withdrawn_reason": ["", reason]},
    )
    return current


def evidence_values(item: EvidenceItem) -> dict[str, Any]:
    """The audited values of an item, for showing two versions side by side."""
    return snapshot(item, AUDITED_FIELDS)
