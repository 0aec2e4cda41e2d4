"""The information return: assessments with a portal, the template, answers, files, progress."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

import policy
from assessments import working_days
from assessments.models import Assessment, EvidenceCategory, QualityStatement
from evidence.models import EvidenceItem
from returns.models import (
    AWAITING_COUNCIL,
    DONE_ANSWER_STATUSES,
    DocumentRequest,
    EvidenceSource,
    InformationReturn,
    ReturnAnswer,
    ReturnFile,
    ReturnStatus,
    ReturnTemplate,
)


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
        information_return.answers.select_related("item__theme", "updated_by", "evidence")
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


def answer_url(answer: ReturnAnswer) -> str:
    return reverse(
        "returns:answer",
        kwargs={"pk": answer.information_return.assessment_id, "answer_pk": answer.pk},
    )


def current_template_for(framework) -> ReturnTemplate | None:
    """The current template of `framework` (what a return is issued under), or None."""
    return ReturnTemplate.objects.filter(framework=framework, is_current=True).first()


def return_exists(assessment: Assessment) -> bool:
    return InformationReturn.objects.filter(assessment_id=assessment.pk).exists()


def answer_in_assessment(assessment: Assessment, answer_pk: int) -> ReturnAnswer:
    """One answer of the assessment's return (DoesNotExist for another assessment's)."""
    return ReturnAnswer.objects.select_related("item__theme", "information_return").get(
        pk=answer_pk, information_return__assessment=assessment
    )


def answer_files(answer: ReturnAnswer) -> list[ReturnFile]:
    return list(answer.files.all())


def answer_with_assessment(pk: int) -> ReturnAnswer:
    """An answer with its item and assessment (to accept it as evidence)."""
    return ReturnAnswer.objects.select_related(
        "item", "information_return__assessment__council"
    ).get(pk=pk)


def item_statements(item) -> list[QualityStatement]:
    return list(item.statements.order_by("number"))


def return_file(pk: int) -> tuple[ReturnFile, Assessment]:
    """A council file and the assessment it belongs to (through its answer or response)."""
    stored = ReturnFile.objects.select_related(
        "answer__information_return__assessment", "response__request__assessment"
    ).get(pk=pk)
    if stored.answer_id:
        return stored, stored.answer.information_return.assessment
    return stored, stored.response.request.assessment


def statements_by_number(assessment: Assessment, numbers) -> list[QualityStatement] | None:
    """The assessment's framework statements with these numbers, or None if one is unknown."""
    numbers = sorted(set(numbers))
    statements = list(
        QualityStatement.objects.filter(framework_id=assessment.framework_id, number__in=numbers)
    )
    return statements if len(statements) == len(numbers) else None


def evidence_category(assessment: Assessment, code: str) -> EvidenceCategory | None:
    return EvidenceCategory.objects.filter(framework_id=assessment.framework_id, code=code).first()


def evidence_source_for(item) -> EvidenceSource | None:
    """Which council answer an evidence item was accepted from, if any."""
    return (
        EvidenceSource.objects.select_related(
            "answer__item", "answer__information_return", "response__request"
        )
        .filter(evidence_item=item)
        .first()
    )


def evidence_of(source) -> EvidenceSource | None:
    """The EvidenceSource of an answer or a response, or None when not yet evidence."""
    return getattr(source, "evidence", None)


def evidence_item(pk) -> EvidenceItem:
    """An evidence item made from a council answer (the first result of a repeated accept)."""
    return EvidenceItem.objects.get(pk=pk)
