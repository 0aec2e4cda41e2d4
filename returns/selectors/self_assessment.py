"""The council's self-assessment: its sections by theme and statement."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from assessments.models import Assessment, QualityStatement, Theme
from returns.models import (
    SelfAssessmentSection,
)


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


def theme_by_number(assessment: Assessment, number: int) -> Theme:
    """A theme of the assessment's framework (DoesNotExist otherwise)."""
    return Theme.objects.get(framework_id=assessment.framework_id, number=number)


def statement_by_number(assessment: Assessment, number: int, theme: Theme | None = None):
    """A quality statement of the assessment's framework, with its theme (and, when `theme`
    is given, of that theme); DoesNotExist otherwise."""
    statements = QualityStatement.objects.select_related("theme").filter(
        framework_id=assessment.framework_id, number=number
    )
    if theme is not None:
        statements = statements.filter(theme=theme)
    return statements.get()


def section_for(assessment: Assessment, theme: Theme, statement=None):
    """The narrative of a theme (statement None) or of one statement, or None."""
    return (
        SelfAssessmentSection.objects.select_related("updated_by", "submitted_by")
        .filter(assessment=assessment, theme=theme, statement=statement)
        .order_by("pk")
        .first()
    )


def sections_of(assessment: Assessment) -> QuerySet:
    """Every drafted or submitted section, themes first then their statements."""
    return SelfAssessmentSection.objects.filter(assessment=assessment).select_related(
        "theme", "statement"
    )


@dataclass(frozen=True)
class CouncilView:
    """The council's own view of one statement, shown to the team beside its evidence."""

    theme: Theme
    theme_section: SelfAssessmentSection | None
    statement_section: SelfAssessmentSection | None

    @property
    def any(self) -> bool:
        return bool(
            (self.theme_section and self.theme_section.text)
            or (self.statement_section and self.statement_section.text)
        )


def self_assessment_beside(assessment: Assessment, statement: QualityStatement) -> CouncilView:
    """The council's narrative for the statement's theme and for the statement itself
    (drafts included, each shown with whether it was submitted), in one query."""
    sections = {
        section.statement_id: section
        for section in SelfAssessmentSection.objects.filter(
            Q(statement__isnull=True) | Q(statement=statement),
            assessment=assessment,
            theme_id=statement.theme_id,
        ).select_related("submitted_by", "updated_by")
    }
    return CouncilView(
        theme=statement.theme,
        theme_section=sections.get(None),
        statement_section=sections.get(statement.pk),
    )


def no_sections() -> QuerySet:
    """An empty queryset of sections: names the model to the API schema, queries nothing."""
    return SelfAssessmentSection.objects.none()
