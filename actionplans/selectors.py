"""Reads of action plans and reassessment (issue 16): the plan with overdue flags, the
council's previous assessment, and the change per statement and overall."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from actionplans.models import OPEN_ACTION_STATUSES, ImprovementAction
from assessments.models import Assessment, AssessmentStatus, StatementScore
from assessments.selectors import assessment_result


def action_plan(*, assessment: Assessment, today: datetime.date | None = None) -> list:
    """The assessment's actions in due order, each with `overdue` (open and past due)."""
    today = today or timezone.localdate()
    rows = list(
        ImprovementAction.objects.filter(assessment=assessment)
        .select_related("statement", "created_by")
        .prefetch_related("notes__written_by")
    )
    for row in rows:
        row.overdue = row.status in OPEN_ACTION_STATUSES and row.due_on < today
    return rows


def action_get(*, assessment: Assessment, pk: int) -> ImprovementAction:
    return ImprovementAction.objects.select_related("statement").get(assessment=assessment, pk=pk)


def plan_outcome(rows: list) -> dict[str, int]:
    """Counts by status, plus overdue."""
    counts = {"total": len(rows), "overdue": sum(1 for r in rows if r.overdue)}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def previous_assessment(*, assessment: Assessment) -> Assessment | None:
    """The council's latest published assessment before this one (the one it reassesses)."""
    earlier = Q(published_on__lt=assessment.published_on) if assessment.published_on else Q()
    return (
        Assessment.objects.filter(
            council_id=assessment.council_id, status=AssessmentStatus.PUBLISHED
        )  # fmt: skip
        .exclude(pk=assessment.pk)
        .filter(earlier)
        .order_by("-published_on", "-pk")
        .first()
    )


@dataclass(frozen=True)
class StatementChange:
    number: int
    name: str
    before: int | None
    now: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.now is None:
            return None
        return self.now - self.before


def reassessment_changes(*, assessment: Assessment, previous: Assessment) -> dict:
    """Per statement (by number) the previous and current scores, and the overall change in
    percentage points (None where a side has no score: imported results carry none)."""

    def scores(of: Assessment) -> dict[int, tuple[str, int | None]]:
        return {
            row.statement.number: (row.statement.name, row.score)
            for row in StatementScore.objects.filter(assessment=of).select_related("statement")
        }

    now, before = scores(assessment), scores(previous)
    rows = [
        StatementChange(number, (now.get(number) or before.get(number))[0],
                        before.get(number, (None, None))[1], now.get(number, (None, None))[1])
        for number in sorted(set(now) | set(before))
    ]  # fmt: skip
    current, earlier = (
        assessment_result(assessment=assessment),
        assessment_result(assessment=previous),
    )
    overall = (
        None
        if current.percentage is None or earlier.percentage is None
        else round(current.percentage - earlier.percentage, 1)
    )
    return {"rows": rows, "current": current, "previous": earlier, "overall_change": overall}
