"""Accepting a council's answer as evidence, in one step."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction

import policy
from assessments.models import EvidenceCategory, QualityStatement
from evidence import services as evidence_services
from evidence.models import EvidenceItem, Route, SourceType
from evidence.services import EvidenceError
from returns.models import EvidenceSource, RequestResponse, ReturnAnswer
from returns.services.common import ReturnsError


@transaction.atomic
def evidence_accept(
    *,
    actor,
    category: EvidenceCategory,
    statements: Sequence[QualityStatement],
    title: str,
    narrative: str,
    direction: str,
    effective_date: datetime.date,
    answer: ReturnAnswer | None = None,
    response: RequestResponse | None = None,
) -> EvidenceItem:
    """Make an evidence item from a return answer or a request response (exactly one).

    The item is created by the evidence service with route "requested" (source: information
    return, or policy document for a request); its files are the answer's own stored files,
    linked not copied (same stored name and SHA-256); an EvidenceSource row links it back.
    Each answer becomes evidence once: a second acceptance is refused.
    """
    if (answer is None) == (response is None):
        raise ReturnsError("Accept either a return answer or a request answer.")
    if answer is not None:
        answer = ReturnAnswer.objects.select_for_update().get(pk=answer.pk)
        assessment = answer.information_return.assessment
        source_type, files = SourceType.INFORMATION_RETURN, list(answer.files.all())
    else:
        response = RequestResponse.objects.select_for_update().get(pk=response.pk)
        assessment = response.request.assessment
        source_type, files = SourceType.POLICY_DOCUMENT, list(response.files.all())
    if not policy.can_accept_as_evidence(actor, assessment):
        raise ReturnsError("Only the assessment team can add evidence while it can be changed.")
    if EvidenceSource.objects.filter(answer=answer, response=response).exists():
        raise ReturnsError("This answer is already evidence.")
    try:
        item = evidence_services.evidence_create(
            actor=actor,
            assessment=assessment,
            statements=statements,
            category=category,
            route=Route.REQUESTED,
            source_type=source_type,
            title=title,
            narrative=narrative,
            direction=direction,
            effective_date=effective_date,
            linked_files=files,
        )
    except EvidenceError as exc:
        raise ReturnsError(str(exc), field=exc.field) from None
    EvidenceSource.objects.create(
        evidence_item=item, answer=answer, response=response, accepted_by=actor
    )
    return item
