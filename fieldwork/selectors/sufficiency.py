"""Evidence sufficiency: statements x evidence categories, with counts, the newest item's
date and flags, from a fixed number of queries however much evidence there is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, OuterRef, Q, Subquery

from assessments.models import (
    Assessment,
    AssessmentStatus,
    EvidenceCategory,
    QualityStatement,
    StatusTransition,
)
from evidence.models import EvidenceStatement
from fieldwork.models import PeoplesExperienceOverride

PEOPLES_EXPERIENCE = "peoples-experience"


@dataclass
class Cell:
    category: EvidenceCategory
    count: int = 0
    newest: datetime.date | None = None

    @property
    def level(self) -> str:
        """The heat: none, thin (one item), some (two to four) or good (five or more)."""
        if self.count == 0:
            return "none"
        if self.count == 1:
            return "thin"
        return "some" if self.count < 5 else "good"


@dataclass
class Row:
    statement: QualityStatement
    cells: list[Cell] = field(default_factory=list)
    sources: int = 0

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def no_peoples_experience(self) -> bool:
        return not any(
            cell.count for cell in self.cells if cell.category.code == PEOPLES_EXPERIENCE
        )

    @property
    def single_source(self) -> bool:
        """All its evidence comes from one kind of source (e.g. only the information return)."""
        return self.total > 0 and self.sources <= 1


@dataclass
class Sufficiency:
    categories: list[EvidenceCategory]
    rows: list[Row]

    @property
    def gaps(self) -> list[Row]:
        return [row for row in self.rows if row.no_peoples_experience]


def _links(assessment: Assessment):
    return EvidenceStatement.objects.filter(
        assessment=assessment, evidenceitem__withdrawn_at__isnull=True
    )


def sufficiency(*, assessment: Assessment) -> Sufficiency:
    """The heat-map of current (not withdrawn) evidence: four queries."""
    categories = list(
        EvidenceCategory.objects.filter(framework_id=assessment.framework_id, in_use=True)
    )
    statements = list(
        QualityStatement.objects.filter(framework_id=assessment.framework_id)
        .select_related("theme")
        .order_by("number")
    )
    counts = {
        (row["qualitystatement_id"], row["evidenceitem__category_id"]): row
        for row in _links(assessment)
        .values("qualitystatement_id", "evidenceitem__category_id")
        .annotate(count=Count("evidenceitem_id"), newest=Max("evidenceitem__effective_date"))
    }
    sources = dict(
        _links(assessment)
        .values("qualitystatement_id")
        .annotate(sources=Count("evidenceitem__source_type", distinct=True))
        .values_list("qualitystatement_id", "sources")
    )
    rows = []
    for statement in statements:
        row = Row(statement=statement, sources=sources.get(statement.pk, 0))
        for category in categories:
            found = counts.get((statement.pk, category.pk))
            row.cells.append(
                Cell(
                    category=category,
                    count=found["count"] if found else 0,
                    newest=found["newest"] if found else None,
                )
            )
        rows.append(row)
    return Sufficiency(categories=categories, rows=rows)


def statements_without_peoples_experience(*, assessment: Assessment) -> list[QualityStatement]:
    """The framework's statements with no current people's-experience evidence."""
    covered = _links(assessment).filter(evidenceitem__category__code=PEOPLES_EXPERIENCE)
    return list(
        QualityStatement.objects.filter(framework_id=assessment.framework_id)
        .exclude(pk__in=covered.values("qualitystatement_id"))
        .order_by("number")
    )


def latest_override(*, assessment: Assessment) -> PeoplesExperienceOverride | None:
    return (
        PeoplesExperienceOverride.objects.filter(assessment=assessment)
        .select_related("recorded_by")
        .first()
    )


def override_applies(*, assessment: Assessment) -> PeoplesExperienceOverride | None:
    """The lead assessor's override, when recorded since the assessment last entered scoring
    (a return to scoring asks for a fresh decision). One query."""
    entered = (
        StatusTransition.objects.filter(
            assessment_id=OuterRef("assessment_id"), to_status=AssessmentStatus.SCORING
        )
        .order_by("-at")
        .values("at")[:1]
    )
    return (
        PeoplesExperienceOverride.objects.filter(assessment=assessment)
        .annotate(entered=Subquery(entered))
        .filter(Q(entered__isnull=True) | Q(recorded_at__gte=F("entered")))
        .select_related("recorded_by")
        .first()
    )


def peoples_experience_gap(*, assessment: Assessment) -> str:
    """Why the assessment cannot go to quality assurance yet ("" when it can): a statement
    without people's-experience evidence and no override by the lead assessor."""
    lacking = statements_without_peoples_experience(assessment=assessment)
    if not lacking or override_applies(assessment=assessment):
        return ""
    numbers = ", ".join(str(statement.number) for statement in lacking)
    many = len(lacking) > 1
    return (
        "Every quality statement needs people's experience evidence before you submit for "
        f"quality assurance: statement{'s' if many else ''} {numbers} "
        f"{'have' if many else 'has'} none. Add it, or the lead assessor can record why the "
        "assessment may go ahead without it."
    )


def peoples_experience_override_note(*, assessment: Assessment) -> str:
    """The timeline's words for a step taken on the lead assessor's override: which
    statements had no people's-experience evidence, who decided, when and why ("" when every
    statement had such evidence or no override applies)."""
    lacking = statements_without_peoples_experience(assessment=assessment)
    override = override_applies(assessment=assessment) if lacking else None
    if override is None:
        return ""
    numbers = ", ".join(str(statement.number) for statement in lacking)
    many = len(lacking) > 1
    who = str(override.recorded_by)
    return (
        f"Without people's experience evidence for statement{'s' if many else ''} {numbers}, "
        f"on the lead assessor's override ({who}, {override.recorded_at:%-d %B %Y}): "
        f"{override.reason}"
    )
