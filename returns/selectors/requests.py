"""Document requests and the council's answers to them."""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone

from assessments.models import Assessment, QualityStatement
from returns.models import (
    AWAITING_COUNCIL,
    DocumentRequest,
    RequestResponse,
    ReturnFile,
)


def requests_for(assessment: Assessment) -> QuerySet:
    return (
        DocumentRequest.objects.filter(assessment=assessment)
        .select_related("raised_by")
        .prefetch_related("statements")
        .annotate(response_count=Count("responses"))
        .order_by("due_on", "pk")
    )


def overdue_requests(assessment: Assessment, today=None) -> QuerySet:
    today = today or timezone.localdate()
    return requests_for(assessment).filter(status__in=AWAITING_COUNCIL, due_on__lt=today)


def request_for(pk: int) -> DocumentRequest:
    return DocumentRequest.objects.select_related("assessment__council", "raised_by").get(pk=pk)


def responses_for(request: DocumentRequest) -> QuerySet:
    return (
        RequestResponse.objects.filter(request=request)
        .select_related("created_by", "evidence__evidence_item")
        .prefetch_related("files")
    )


def requests_awaiting_reminders(*, today: datetime.date) -> QuerySet:
    """Requests awaiting the council that fall due within the next week (reminders are
    decided per request by services.requests.reminder_kind_due)."""
    return DocumentRequest.objects.filter(
        status__in=AWAITING_COUNCIL,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days=7),
    ).order_by("pk")


def request_detail(pk: int) -> DocumentRequest:
    """A request with its statements (for the API's detail)."""
    return DocumentRequest.objects.prefetch_related("statements").get(pk=pk)


def request_statements(request: DocumentRequest) -> list[QualityStatement]:
    return list(request.statements.order_by("number"))


def response_for(pk: int) -> RequestResponse:
    """A response with its request and assessment (to accept it as evidence)."""
    return RequestResponse.objects.select_related("request__assessment__council").get(pk=pk)


def response_files(response: RequestResponse) -> list[ReturnFile]:
    return list(response.files.all())
