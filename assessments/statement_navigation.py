"""Moving between an assessment's quality statements while scoring (a read, like a selector)."""

from __future__ import annotations

from assessments.models import Assessment, QualityStatement


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
