"""Reads of the on-site programme."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from assessments import working_days
from assessments.models import Assessment
from fieldwork.models import Session

NOTES_DUE_WORKING_DAYS = 2


def _sessions() -> QuerySet:
    return Session.objects.select_related("assessment__council").prefetch_related("assessors")


def sessions_for(assessment: Assessment) -> QuerySet:
    return _sessions().filter(assessment=assessment).order_by("starts_at", "pk")


def assessor_sessions(user) -> QuerySet:
    """Every session `user` attends, across assessments."""
    return _sessions().filter(assessors=user).order_by("starts_at", "pk")


def session_for(pk: int) -> Session:
    return (
        _sessions()
        .select_related("assessment__framework", "created_by")
        .prefetch_related("evidence_items__statements", "assessment__assessors")
        .get(pk=pk)
    )


def programme_url(assessment: Assessment) -> str:
    return reverse("fieldwork:sessions", kwargs={"pk": assessment.pk})


def notes_due_on(session: Session) -> datetime.date:
    """Notes are due two working days after the session (England and Wales)."""
    return working_days.add_working_days(
        timezone.localtime(session.starts_at).date(), NOTES_DUE_WORKING_DAYS
    )


def is_overdue(session: Session, today: datetime.date) -> bool:
    """No notes and the two working days after the session have passed."""
    return session.notes_recorded_at is None and today > notes_due_on(session)


@dataclass(frozen=True)
class Day:
    day: datetime.date
    sessions: list


def sessions_by_day(sessions, *, today: datetime.date | None = None) -> list[Day]:
    """Sessions grouped by local day, each marked `overdue` (notes not recorded in time)."""
    today = today or timezone.localdate()
    marked = []
    for session in sessions:
        session.overdue = is_overdue(session, today)
        session.notes_due_on = notes_due_on(session)
        marked.append(session)
    return [
        Day(day, list(group))
        for day, group in groupby(marked, key=lambda s: timezone.localtime(s.starts_at).date())
    ]
