"""The framework as data: the current version, its statements, and the lists the API reads."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from assessments.models import (
    Assessment,
    Framework,
    QualityStatement,
    StatementCategory,
)


def current_framework() -> Framework:
    return Framework.objects.get(code="cqc-la", is_current=True)


def framework_statements(*, framework: Framework) -> QuerySet:
    return QualityStatement.objects.filter(framework=framework).select_related("theme")


def statement_for_assessment(*, assessment: Assessment, number: int) -> QualityStatement:
    """The assessment's quality statement `number` (QualityStatement.DoesNotExist if none)."""
    return QualityStatement.objects.select_related("theme").get(
        framework_id=assessment.framework_id, number=number
    )


def adjacent_statements(
    *, assessment: Assessment, statement: QualityStatement
) -> tuple[QualityStatement | None, QualityStatement | None]:
    """The statements before and after `statement` in the assessment's framework, by number
    (None at either end). One query."""
    neighbours = list(
        QualityStatement.objects.filter(
            framework_id=assessment.framework_id,
            number__in=[statement.number - 1, statement.number + 1],
        ).order_by("number")
    )
    previous = next((s for s in neighbours if s.number < statement.number), None)
    following = next((s for s in neighbours if s.number > statement.number), None)
    return previous, following


def framework_list() -> QuerySet:
    """Every framework version, newest first within a code."""
    return Framework.objects.order_by("code", "-version")


def framework_detail_queryset() -> QuerySet:
    """Frameworks with their themes, categories and statements (and each statement's
    categories) in a fixed number of queries."""

    return Framework.objects.prefetch_related(
        "themes",
        "evidence_categories",
        Prefetch(
            "quality_statements",
            queryset=QualityStatement.objects.select_related("theme").prefetch_related(
                Prefetch(
                    "statementcategory_set",
                    queryset=StatementCategory.objects.select_related("category").order_by(
                        "category__order"
                    ),
                )
            ),
        ),
    )


def quality_statement_list() -> QuerySet:
    """Quality statements of every framework version, with their theme and categories."""

    return (
        QualityStatement.objects.select_related("theme", "framework")
        .prefetch_related(
            Prefetch(
                "statementcategory_set",
                queryset=StatementCategory.objects.select_related("category").order_by(
                    "category__order"
                ),
            )
        )
        .order_by("framework__code", "-framework__version", "number")
    )
