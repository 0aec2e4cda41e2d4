"""The assessments list: search, filters, sorting and each assessment's next deadline.

Kept in its own module (a read, like the other selectors) so the list's rules are in one
place: which date is an assessment's next deadline, and what each sort key means.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, DateField, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

import policy
from assessments.models import Assessment, AssessmentStatus
from assessments.selectors.assessments import assessment_queryset

S = AssessmentStatus

# Sort keys offered by the column headings -> the ordering they stand for. "-key" reverses.
SORTS: dict[str, tuple[str, ...]] = {
    "council": ("council__name",),
    "region": ("council__region_name", "council__name"),
    "kind": ("kind", "council__name"),
    "status": ("status_order", "council__name"),
    "lead": ("lead_assessor__full_name", "lead_assessor__username", "council__name"),
    "deadline": ("next_deadline", "council__name"),
}
DEFAULT_SORT = "deadline"


@dataclass(frozen=True)
class ListFilters:
    search: str = ""
    status: str = ""
    kind: str = ""
    region: str = ""
    assigned_to_me: bool = False
    sort: str = DEFAULT_SORT


def with_next_deadline(queryset: QuerySet, *, today: datetime.date) -> QuerySet:
    """Annotate `next_deadline` (a date, or None) and `next_deadline_label`.

    The next deadline is the one the assessment is working towards: while the council checks
    the draft, the factual accuracy due date; before the site visit (planned or gathering
    evidence), the visit, if it is still ahead. Other stages have none.
    """
    fa = Q(status=S.FACTUAL_ACCURACY, fa_due_on__isnull=False)
    visit = Q(status__in=[S.PLANNED, S.EVIDENCE_GATHERING], site_visit_on__gte=today)
    return queryset.annotate(
        next_deadline=Case(
            When(fa, then=F("fa_due_on")),
            When(visit, then=F("site_visit_on")),
            default=None,
            output_field=DateField(),
        ),
        next_deadline_label=Case(
            When(fa, then=Value("Factual accuracy check due")),
            When(visit, then=Value("Site visit")),
            default=Value(""),
            output_field=CharField(),
        ),
    )


def _status_order() -> Case:
    """The workflow's order (planned first, withdrawn last) rather than the alphabet."""
    return Case(
        *(When(status=value, then=Value(i)) for i, value in enumerate(S.values)),
        output_field=IntegerField(),
    )


def assessment_list(*, user, filters: ListFilters) -> QuerySet:
    """The assessments `user` may see (policy), searched by council name, filtered by status,
    kind, region and (for assessors) those they lead or are in the team of, with their next
    deadline, sorted by `filters.sort` (a key of SORTS, "-" first to reverse; empty next
    deadlines always last). A fixed number of queries whatever the number of rows."""
    assessments = policy.visible_assessments(user, assessment_queryset())
    if filters.search:
        assessments = assessments.filter(council__name__icontains=filters.search.strip())
    if filters.status:
        assessments = assessments.filter(status=filters.status)
    if filters.kind:
        assessments = assessments.filter(kind=filters.kind)
    if filters.region:
        assessments = assessments.filter(council__region_code=filters.region)
    if filters.assigned_to_me and user.is_authenticated:
        team = Assessment.assessors.through.objects.filter(user_id=user.pk)
        assessments = assessments.filter(
            Q(lead_assessor_id=user.pk) | Q(pk__in=team.values("assessment_id"))
        )
    assessments = with_next_deadline(assessments, today=timezone.localdate()).annotate(
        status_order=_status_order()
    )
    key = filters.sort.removeprefix("-")
    fields = SORTS.get(key, SORTS[DEFAULT_SORT])
    descending = filters.sort.startswith("-") and key in SORTS
    first = F(fields[0]).desc(nulls_last=True) if descending else F(fields[0]).asc(nulls_last=True)
    return assessments.order_by(first, *fields[1:], "pk")
