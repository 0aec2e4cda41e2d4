"""Reads of evidence: the assessment overview, a statement's evidence, an item and history.

Every read is scoped by the permission policy and runs in a fixed number of queries, whatever
the number of evidence items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

import policy
from assessments.models import (
    Assessment,
    EvidenceCategory,
    QualityStatement,
    StatementCategory,
)
from audit.models import AuditEvent
from evidence.models import Attachment, AttachmentPreview, EvidenceItem

STATEMENT_PAGE_SIZE = 25


def framework_categories(*, assessment: Assessment) -> list[EvidenceCategory]:
    """The categories in use by councils' assessments in this assessment's framework."""
    return list(
        EvidenceCategory.objects.filter(framework_id=assessment.framework_id, in_use=True).order_by(
            "order"
        )
    )


def categories_for_statements(*, framework_id: int, statement_ids) -> QuerySet:
    """Categories that apply to every one of the statements (all in-use ones when none given)."""
    categories = EvidenceCategory.objects.filter(framework_id=framework_id, in_use=True)
    statement_ids = sorted({int(pk) for pk in statement_ids if str(pk).isdigit()})
    if not statement_ids:
        return categories.filter(statements__framework_id=framework_id).distinct().order_by("order")
    if len(statement_ids) == 1:  # one statement: a plain join, no second query
        return categories.filter(statements=statement_ids[0]).order_by("order")
    pairs = StatementCategory.objects.filter(
        statement_id__in=statement_ids, statement__framework_id=framework_id
    ).values_list("category_id", "statement_id")
    by_category: dict[int, set[int]] = defaultdict(set)
    for category_id, statement_id in pairs:
        by_category[category_id].add(statement_id)
    wanted = set(statement_ids)
    valid = [pk for pk, statements in by_category.items() if wanted <= statements]
    return categories.filter(pk__in=valid).order_by("order")


# ---- the assessment overview ------------------------------------------------------------


@dataclass(frozen=True)
class OverviewStatement:
    pk: int
    number: int
    name: str


@dataclass(frozen=True)
class OverviewCategory:
    pk: int
    name: str
    order: int


@dataclass
class StatementRow:
    statement: OverviewStatement
    counts: list[int | None]  # per category column; None where the category does not apply
    total: int = 0


@dataclass
class ThemeGroup:
    name: str
    rows: list[StatementRow] = field(default_factory=list)


@dataclass
class EvidenceOverview:
    categories: list[OverviewCategory]
    themes: list[ThemeGroup]
    total: int
    withdrawn: int


def assessment_evidence_overview(*, assessment: Assessment, user) -> EvidenceOverview:
    """The framework's statements by theme, with the count of current (not withdrawn)
    evidence items per category that `user` may see. Three queries, whatever the item count."""
    # The framework's shape in one query: each statement with the categories that apply to it
    # (a statement with none still comes back once, with no category).
    shape = (
        QualityStatement.objects.filter(framework_id=assessment.framework_id)
        .order_by("theme__number", "number", "statementcategory__category__order")
        .values_list(
            "pk",
            "number",
            "name",
            "theme__name",
            "statementcategory__category_id",
            "statementcategory__category__name",
            "statementcategory__category__order",
            "statementcategory__category__in_use",
        )
    )
    statements: dict[int, tuple[OverviewStatement, str]] = {}
    categories: dict[int, OverviewCategory] = {}
    applies: set[tuple[int, int]] = set()
    for pk, number, name, theme, category_id, category_name, order, in_use in shape:
        statements.setdefault(pk, (OverviewStatement(pk, number, name), theme))
        if category_id is not None and in_use:
            categories.setdefault(category_id, OverviewCategory(category_id, category_name, order))
            applies.add((pk, category_id))
    columns = sorted(categories.values(), key=lambda category: category.order)
    visible = policy.visible_evidence(
        user, assessment, EvidenceItem.objects.filter(assessment=assessment)
    )
    counts: dict[tuple[int, int], int] = {
        (statement_id, category_id): n
        # Joined through the links' assessment, so both sides are one index range each.
        for statement_id, category_id, n in visible.filter(
            withdrawn_at__isnull=True, statement_links__assessment=assessment
        )
        .order_by()
        .values("statement_links__qualitystatement", "category_id")
        .annotate(n=Count("pk"))
        .values_list("statement_links__qualitystatement", "category_id", "n")
    }
    totals = visible.aggregate(
        total=Count("pk", filter=Q(withdrawn_at__isnull=True)),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
    )
    themes: list[ThemeGroup] = []
    for statement, theme in statements.values():
        if not themes or themes[-1].name != theme:
            themes.append(ThemeGroup(theme))
        row_counts = [
            counts.get((statement.pk, category.pk), 0)
            if (statement.pk, category.pk) in applies
            else None
            for category in columns
        ]
        themes[-1].rows.append(
            StatementRow(statement, row_counts, sum(count or 0 for count in row_counts))
        )
    return EvidenceOverview(columns, themes, totals["total"], totals["withdrawn"])


# ---- a statement's evidence -------------------------------------------------------------


def statements_by_number(*, assessment: Assessment, numbers) -> list[QualityStatement]:
    """The statements of the assessment's framework with these numbers (unknown ones left
    out, so a caller compares the lengths to find them)."""
    return list(
        QualityStatement.objects.filter(
            framework_id=assessment.framework_id, number__in=sorted(set(numbers))
        )
    )


def category_by_code(*, assessment: Assessment, code: str) -> EvidenceCategory | None:
    """The evidence category of the assessment's framework with this code, or None."""
    return EvidenceCategory.objects.filter(framework_id=assessment.framework_id, code=code).first()


def statement_evidence(
    *,
    assessment: Assessment,
    statement: QualityStatement | None,
    user,
    category_id: int | None = None,
    route: str = "",
    source_type: str = "",
    direction: str = "",
    search: str = "",
    include_withdrawn: bool = False,
) -> QuerySet:
    """The evidence for one statement (every statement when None) that `user` may see,
    filtered, newest evidence first.

    Rows carry their category, author and attachment count; page it with a Paginator.
    """
    items = (
        EvidenceItem.objects.filter(assessment=assessment)
        if statement is None
        else EvidenceItem.objects.informing(statement, assessment=assessment)
    )
    items = policy.visible_evidence(user, assessment, items)
    if not include_withdrawn:
        items = items.filter(withdrawn_at__isnull=True)
    if category_id:
        items = items.filter(category_id=category_id)
    if route:
        items = items.filter(route=route)
    if source_type:
        items = items.filter(source_type=source_type)
    if direction:
        items = items.filter(direction=direction)
    if search:
        items = items.filter(Q(title__icontains=search) | Q(narrative__icontains=search))
    # A correlated count rather than a join + GROUP BY: it runs only for the rows of the page,
    # and the paginator's count query leaves it out.
    attachment_count = (
        Attachment.objects.filter(evidence_item=OuterRef("pk"))
        .order_by()
        .values("evidence_item")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        items.select_related("category", "author")
        .annotate(attachment_count=Coalesce(Subquery(attachment_count), 0))
        .order_by("-effective_date", "-pk")
    )


def assessment_for_evidence_pages() -> QuerySet:
    """Assessments with just what evidence pages and the policy need (council name, team)."""
    from accounts.models import User

    return Assessment.objects.select_related("council").prefetch_related(
        Prefetch("assessors", queryset=User.objects.only("pk"))
    )


# ---- one item ---------------------------------------------------------------------------


def evidence_item_queryset() -> QuerySet:
    """Items with what their page and the policy need, in a fixed number of queries.

    The assessment comes in a query of its own: joined with the item's category and people
    in one, the eight-table join took PostgreSQL 3 ms to plan and 0.3 ms to run."""
    return EvidenceItem.objects.select_related(
        "category", "author", "withdrawn_by"
    ).prefetch_related(
        Prefetch(
            "assessment",
            queryset=Assessment.objects.select_related("council", "framework", "lead_assessor"),
        ),
        "assessment__assessors",
        Prefetch("statements", queryset=QualityStatement.objects.order_by("number")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
    )


def attachment_queryset() -> QuerySet:
    return Attachment.objects.select_related(
        "evidence_item__assessment__council", "evidence_item__assessment__lead_assessor"
    ).prefetch_related("evidence_item__assessment__assessors")


# ---- history ----------------------------------------------------------------------------


def object_history(obj) -> QuerySet:
    """The audit events recorded against one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        target_id=str(obj.pk),
    ).select_related("actor")


# ---- the API -------------------------------------------------------------------------------


def assessment_evidence(*, assessment: Assessment, user, **filters) -> QuerySet:
    """`statement_evidence` (same filters as the statement page; statement optional) with
    each row's statements, for the API's list."""
    return statement_evidence(assessment=assessment, user=user, **filters).prefetch_related(
        Prefetch("statements", queryset=QualityStatement.objects.order_by("number"))
    )


def attachment_preview(*, attachment) -> AttachmentPreview | None:
    """The worker's preview (thumbnail and extracted text) of `attachment`, if made yet."""
    return AttachmentPreview.objects.filter(attachment=attachment).first()
