"""Evidence is searchable: title, narrative, and each attachment's name and extracted text (a
file whose text could not be read is still found by its name, and the hit says so)."""

from __future__ import annotations

import policy
from evidence.models import Attachment, AttachmentPreview, EvidenceItem
from search.registry import Document, SearchKind, file_name_words, register


def _queryset():
    return EvidenceItem.objects.select_related("assessment", "category").prefetch_related(
        "statements", "attachments__preview"
    )


def _document(item: EvidenceItem) -> Document | None:
    if item.withdrawn_at is not None:
        return None
    parts, unreadable = [item.narrative], []
    for attachment in item.attachments.all():
        parts.append(file_name_words(attachment.original_name))
        preview = getattr(attachment, "preview", None)
        if preview is not None and preview.text:
            parts.append(preview.text)
        elif preview is not None and preview.status != "pending":
            unreadable.append(attachment.original_name)
    note = ""
    if unreadable:
        note = (
            "Found by file name only: the text of " + ", ".join(unreadable) + " could not be read."
        )
    return Document(
        object_id=item.pk,
        assessment_id=item.assessment_id,
        council_id=item.assessment.council_id,
        statement_ids=tuple(statement.pk for statement in item.statements.all()),
        category=item.category.name,
        date=item.effective_date,
        title=item.title,
        body="\n".join(parts),
        url=item.get_absolute_url(),
        contains_personal_data=item.contains_personal_data,
        note=note,
    )


register(
    SearchKind(
        name="evidence",
        label="Evidence",
        model=EvidenceItem,
        queryset=_queryset,
        document=_document,
        visible_assessments=policy.assessments_with_visible_evidence,
        watches=(
            (Attachment, lambda attachment: attachment.evidence_item_id),
            (AttachmentPreview, lambda preview: preview.attachment.evidence_item_id),
        ),
        m2m_fields=("statements",),
    )
)
