"""A realistic assessment to render: used by the report tests and the benchmarks.

Nine scored statements with full findings, a summary, evidence in every category in use
(including items with personal data and withdrawn ones, which reports must leave out) and
decided factual accuracy challenges. Writes rows directly: this is fixture data, not a
user action, so it is not audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from assessments import scoring
from assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    EvidenceCategory,
    Framework,
    QualityStatement,
    StatementScore,
)
from councils.models import Council
from evidence.models import EvidenceDirection, EvidenceItem, Route, SourceType
from reviews.models import (
    AssessmentSummary,
    Challenge,
    ChallengeDecision,
    ChallengeKind,
    StatementFinding,
)

PARAGRAPH = (
    "People told us that assessments were carried out in a timely way and that staff took "
    "the time to understand what mattered to them. Carers described being involved in "
    "decisions and having their own needs recognised. Staff worked with partners in health "
    "and housing to plan support, and leaders had a clear picture of demand across the "
    "county, including waiting times for occupational therapy and for reviews."
)


def _text(statement: QualityStatement, what: str, paragraphs: int) -> str:
    lead = f"{what} for {statement.name.lower()}."
    return "\n\n".join([lead] + [PARAGRAPH] * paragraphs)


def build_assessment(
    *,
    council: Council,
    author,
    scores: Sequence[int | None] = (3, 3, 4, 3, 4, 4, 3, 4, 4),
    status: str = AssessmentStatus.SCORING,
    kind: str = AssessmentKind.FORMAL,
    evidence_per_statement: int = 30,
    paragraphs: int = 3,
    published_on: datetime.date | None = None,
    is_demo: bool = False,
) -> Assessment:
    """An assessment of `council` with scores, findings, summary, evidence and challenges.

    When `status` is published, the result is frozen on the assessment as publication does.
    `is_demo` flags it as made-up data, so its report carries the "Demo data" label (the
    benchmarks set it; tests leave it off to check the report as a real one reads).
    """
    framework = Framework.objects.get(code="cqc-la", is_current=True)
    result = scoring.overall_result(dict(enumerate(scores, start=1)))
    published = status == AssessmentStatus.PUBLISHED
    assessment = Assessment.objects.create(
        council=council,
        framework=framework,
        kind=kind,
        status=status,
        notified_on=datetime.date(2025, 1, 6),
        site_visit_on=datetime.date(2025, 3, 10),
        fa_sent_on=datetime.date(2025, 4, 14),
        fa_due_on=datetime.date(2025, 4, 29),
        published_on=(published_on or datetime.date(2025, 6, 2)) if published else None,
        lead_assessor=author,
        published_percentage=result.percentage if published else None,
        published_rating=(result.rating or "") if published else "",
        is_demo=is_demo,
    )
    statements = list(QualityStatement.objects.filter(framework=framework).order_by("number"))
    categories = list(
        EvidenceCategory.objects.filter(framework=framework, in_use=True).order_by("order")
    )
    now = timezone.now()
    StatementScore.objects.bulk_create(
        StatementScore(
            assessment=assessment,
            statement=statement,
            score=score,
            rationale=f"Rationale for {statement.name}.",
            scored_by=author if score else None,
            scored_at=now if score else None,
        )
        for statement, score in zip(statements, scores, strict=True)
    )
    StatementFinding.objects.bulk_create(
        StatementFinding(
            assessment=assessment,
            statement=statement,
            people_told_us=_text(statement, "What people told us", paragraphs),
            strengths=_text(statement, "Strengths", paragraphs),
            areas_for_development=_text(statement, "Areas for development", paragraphs),
            updated_by=author,
        )
        for statement in statements
    )
    AssessmentSummary.objects.create(
        assessment=assessment,
        summary="\n\n".join(
            [f"{council.name} has a clear vision for adult social care."] + [PARAGRAPH] * 3
        ),
        updated_by=author,
    )
    items = []
    for statement in statements:
        for n in range(evidence_per_statement):
            items.append(
                EvidenceItem(
                    assessment=assessment,
                    category=categories[n % len(categories)],
                    route=Route.COLLECTED,
                    source_type=SourceType.CASE_TRACKING,
                    title=f"Statement {statement.number} evidence {n + 1}",
                    narrative=PARAGRAPH,
                    direction=EvidenceDirection.POSITIVE,
                    effective_date=datetime.date(2025, 2, 1),
                    author=author,
                    # Every tenth item is personal data and every fifteenth withdrawn:
                    # reports must leave both out.
                    contains_personal_data=len(items) % 10 == 9,
                    withdrawn_at=now if len(items) % 15 == 14 else None,
                    withdrawn_by=author if len(items) % 15 == 14 else None,
                    withdrawn_reason="Duplicate" if len(items) % 15 == 14 else "",
                )
            )
    EvidenceItem.objects.bulk_create(items)
    through = EvidenceItem.statements.through
    by_number = {statement.number: statement for statement in statements}
    through.objects.bulk_create(
        through(
            evidenceitem_id=item.pk,
            qualitystatement_id=by_number[int(item.title.split()[1])].pk,
            assessment_id=item.assessment_id,
        )
        for item in items
    )
    decisions = [
        (ChallengeKind.TYPO_OR_NUMBER, ChallengeDecision.ACCEPTED),
        (ChallengeKind.TYPO_OR_NUMBER, ChallengeDecision.ACCEPTED),
        (ChallengeKind.FACTUAL, ChallengeDecision.NOT_ACCEPTED),
        (ChallengeKind.OMISSION, ChallengeDecision.ACCEPTED),
    ]
    Challenge.objects.bulk_create(
        Challenge(
            assessment=assessment,
            statement=statements[index],
            kind=challenge_kind,
            text_challenged="The figure quoted",
            proposed_correction="The correct figure",
            raised_by=author,
            decision=decision,
            decision_reason="Checked against the information return.",
            decided_by=author,
            decided_at=now,
        )
        for index, (challenge_kind, decision) in enumerate(decisions)
    )
    return assessment
