"""Reads of the council portal. Selectors own select_related/prefetch_related."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

import policy
from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from assessments import working_days
from assessments.models import Assessment
from returns.models import (
    AWAITING_COUNCIL,
    DONE_ANSWER_STATUSES,
    DocumentRequest,
    InformationReturn,
    Notification,
    RequestResponse,
    RequestStatus,
    ReturnAnswer,
    ReturnStatus,
    ReturnTemplate,
    SelfAssessmentSection,
)

# ---- people ------------------------------------------------------------------------------


def _council_users(assessment: Assessment, roles: tuple[Role, ...]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            council_memberships__council_id=assessment.council_id,
            groups__name__in=[GROUP_NAMES[role] for role in roles],
        )
        .distinct()
        .order_by("pk")
    )


def council_leads(assessment: Assessment) -> list[User]:
    return _council_users(assessment, (Role.COUNCIL_LEAD,))


def council_members(assessment: Assessment) -> list[User]:
    """The council's leads and contributors."""
    return _council_users(assessment, (Role.COUNCIL_LEAD, Role.COUNCIL_CONTRIBUTOR))


def team_members(assessment: Assessment) -> list[User]:
    return list(User.objects.filter(is_active=True, pk__in=assessment.team_user_ids()))


def council_contributors(council_id: int) -> QuerySet:
    return User.objects.filter(
        council_memberships__council_id=council_id,
        groups__name=GROUP_NAMES[Role.COUNCIL_CONTRIBUTOR],
    ).order_by("full_name", "username")


# ---- assessments and the return ----------------------------------------------------------


def portal_assessments(user) -> QuerySet:
    """Open assessments whose council portal the user may see, with their return."""
    queryset = Assessment.objects.select_related("council", "information_return").exclude(
        status__in=["published", "withdrawn"]
    )
    return policy.visible_portal_assessments(user, queryset).order_by("council__name")


def assessment_for_portal(pk: int) -> Assessment:
    return Assessment.objects.select_related("council", "framework", "lead_assessor").get(pk=pk)


def current_template() -> ReturnTemplate | None:
    return ReturnTemplate.objects.filter(is_current=True).order_by("-version").first()


def template_items(template: ReturnTemplate):
    return template.items.select_related("theme").prefetch_related("statements")


def information_return_for(assessment: Assessment) -> InformationReturn | None:
    return (
        InformationReturn.objects.select_related("template", "submitted_by", "issued_by")
        .filter(assessment=assessment)
        .first()
    )


def answers_with_items(information_return: InformationReturn) -> QuerySet:
    return (
        information_return.answers.select_related("item__theme", "updated_by")
        .prefetch_related("item__statements", "files")
        .order_by("item__number")
    )


def answer_for(pk: int) -> ReturnAnswer:
    return ReturnAnswer.objects.select_related(
        "item__theme", "information_return__assessment__council", "updated_by"
    ).get(pk=pk)


@dataclass
class ThemeGroup:
    theme: object
    answers: list = field(default_factory=list)


def task_list(information_return: InformationReturn) -> list[ThemeGroup]:
    """The return's answers grouped by theme, in item order (the GOV.UK task list)."""
    groups: dict[int, ThemeGroup] = {}
    for answer in answers_with_items(information_return):
        theme = answer.item.theme
        groups.setdefault(theme.pk, ThemeGroup(theme)).answers.append(answer)
    return sorted(groups.values(), key=lambda group: group.theme.number)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    due_on: datetime.date
    days_left: int  # working days until the due date (0 once due)
    overdue: bool

    @property
    def complete(self) -> bool:
        return self.done == self.total


def return_progress(information_return: InformationReturn, today=None) -> Progress:
    today = today or timezone.localdate()
    counts = information_return.answers.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status__in=DONE_ANSWER_STATUSES))
    )
    submitted = information_return.status == ReturnStatus.SUBMITTED
    return Progress(
        done=counts["done"],
        total=counts["total"],
        due_on=information_return.due_on,
        days_left=working_days.working_days_between(today, information_return.due_on),
        overdue=not submitted and information_return.due_on < today,
    )


@dataclass(frozen=True)
class StatementCompletion:
    statement: object
    items: int
    done: int
    open_requests: int
    overdue_requests: int


def statement_completion(assessment: Assessment, today=None) -> list[StatementCompletion]:
    """Per quality statement: return items informing it and how many are done; requests
    concerning it still awaiting the council, and how many are overdue (for the team)."""
    today = today or timezone.localdate()
    items: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    information_return = InformationReturn.objects.filter(assessment=assessment).first()
    if information_return is not None:
        rows = ReturnAnswer.objects.filter(information_return=information_return).values_list(
            "item__statements", "status"
        )
        for statement_id, status in rows:
            if statement_id is not None:
                items[statement_id][0] += 1
                items[statement_id][1] += status in DONE_ANSWER_STATUSES
    requests: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = DocumentRequest.objects.filter(
        assessment=assessment, status__in=AWAITING_COUNCIL
    ).values_list("statements", "due_on")
    for statement_id, due_on in rows:
        requests[statement_id][0] += 1
        requests[statement_id][1] += due_on < today
    return [
        StatementCompletion(statement, *items[statement.pk], *requests[statement.pk])
        for statement in assessment.framework.quality_statements.order_by("number")
    ]


# ---- requests ----------------------------------------------------------------------------


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


# ---- self-assessment ---------------------------------------------------------------------


def self_assessment_url(assessment: Assessment) -> str:
    return reverse("returns:self_assessment", kwargs={"pk": assessment.pk})


def self_assessment_sections(assessment: Assessment) -> list[dict]:
    """Each theme of the framework with its narrative section (or None) and statements."""
    sections = {
        (s.theme_id, s.statement_id): s
        for s in SelfAssessmentSection.objects.filter(assessment=assessment).select_related(
            "updated_by", "submitted_by"
        )
    }
    themes = assessment.framework.themes.prefetch_related("statements").order_by("number")
    return [
        {
            "theme": theme,
            "section": sections.get((theme.pk, None)),
            "statements": [
                {"statement": s, "section": sections.get((theme.pk, s.pk))}
                for s in theme.statements.order_by("number")
            ],
        }
        for theme in themes
    ]


# ---- home page tasks and notifications -------------------------------------------------


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
    council_ids = {a.pk for a in assessments if policy.is_council_member_for(user, a.council_id)}
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


def answer_url(answer: ReturnAnswer) -> str:
    return reverse(
        "returns:answer",
        kwargs={"pk": answer.information_return.assessment_id, "answer_pk": answer.pk},
    )
