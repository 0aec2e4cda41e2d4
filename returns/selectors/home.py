"""The home page's open tasks and the in-app notifications."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

import policy
from returns.models import (
    AWAITING_COUNCIL,
    DocumentRequest,
    InformationReturn,
    Notification,
    RequestStatus,
    ReturnStatus,
)
from returns.selectors.returns import portal_assessments


@dataclass(frozen=True)
class Task:
    label: str
    url: str
    due_on: datetime.date | None
    overdue: bool


def open_tasks(user, today=None) -> list[Task]:
    """What needs this user's attention, soonest first: for council users their return (if
    not submitted) and requests awaiting an answer; for the team, answered requests to
    review and submitted returns of their assessments."""
    today = today or timezone.localdate()
    tasks: list[Task] = []
    if not (user and user.is_authenticated):
        return tasks
    assessments = list(portal_assessments(user))
    # The council's tasks only while it can still answer (planned to quality assurance).
    council_ids = {
        a.pk
        for a in assessments
        if policy.is_council_member_for(user, a.council_id)
        and a.status in policy.RETURN_OPEN_STATUSES
    }
    team_ids = {a.pk for a in assessments if policy.acts_for_team(user, a)} - council_ids
    for information_return in InformationReturn.objects.filter(
        assessment_id__in=council_ids, status=ReturnStatus.IN_PREPARATION
    ).select_related("assessment__council"):
        tasks.append(
            Task(
                f"Information return of {information_return.assessment.council.name}",
                information_return.get_absolute_url(),
                information_return.due_on,
                information_return.due_on < today,
            )
        )
    for request in DocumentRequest.objects.filter(
        assessment_id__in=council_ids, status__in=AWAITING_COUNCIL
    ):
        tasks.append(
            Task(f"Document request: {request.title}", request.get_absolute_url(),
                 request.due_on, request.is_overdue(today))
        )  # fmt: skip
    for request in DocumentRequest.objects.filter(
        assessment_id__in=team_ids, status=RequestStatus.ANSWERED
    ).select_related("assessment__council"):
        tasks.append(
            Task(f"Review the answer to “{request.title}” ({request.assessment.council.name})",
                 request.get_absolute_url(), None, False)
        )  # fmt: skip
    return sorted(tasks, key=lambda t: (t.due_on is None, t.due_on or today, t.label))


def notifications_for(user) -> QuerySet:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not (user and user.is_authenticated):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_of(user, pk: int) -> Notification:
    """One of the user's own notifications (DoesNotExist for anyone else's)."""
    return Notification.objects.get(pk=pk, user=user)
