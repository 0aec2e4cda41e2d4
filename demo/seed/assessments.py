"""Demo work in progress: a formal assessment of Birmingham in scoring and drafting.

Published results are never made up here: the national table shows only the real results
that `manage.py load_reference_results` loads (assessments/data/). Every assessment this
module opens is flagged `is_demo`, so each page showing it carries a "demo data" label.
"""

from __future__ import annotations

import datetime

from accounts.models import User
from assessments.models import Assessment, AssessmentStatus, QualityStatement
from assessments.services import assessment_transition, statement_score_set
from councils.models import Council

RATIONALES = {
    2: "Some shortfalls: people told us of delays and inconsistent follow-up in {topic}; "
    "partners described improvement plans that are not yet embedded.",
    3: "A good standard: case tracking and what people told us show {topic} works well for "
    "most people; staff and partners gave consistent accounts.",
    4: "An exceptional standard: people, staff and partners consistently described {topic} "
    "as a strength, with outcomes among the best we have seen.",
}


def mark_demo(assessment: Assessment) -> None:
    """Flag an assessment the demo made, so every page that shows it labels it demo data."""
    Assessment.objects.filter(pk=assessment.pk).update(is_demo=True)
    assessment.is_demo = True


def _move_to_scoring(*, actor: User, assessment: Assessment) -> None:
    steps = {
        AssessmentStatus.PLANNED: "start_evidence",
        AssessmentStatus.EVIDENCE_GATHERING: "start_scoring",
    }
    for _ in range(2):
        assessment.refresh_from_db()
        if assessment.status in steps:
            assessment_transition(
                actor=actor,
                assessment=assessment,
                action=steps[assessment.status],
                note="Demo data.",
            )
    assessment.refresh_from_db()


# A formal assessment in scoring and drafting, so the scoring pages and the what-if panel have
# something live to work on: eight statements at 3 and statement 9 at 2 (72%, good).
OPEN_SCORING_COUNCIL = "Birmingham"
OPEN_SCORING_SCORES = [3, 3, 3, 3, 3, 3, 3, 3, 2]


def seed_assessment_in_scoring(users: dict[str, User]) -> Assessment:
    """Open Birmingham's formal assessment (demo data, after its real 2023 pilot) and score it."""
    from assessments.services import assessment_create

    assessment = assessment_create(
        actor=users["admin"],
        council=Council.objects.get(name=OPEN_SCORING_COUNCIL),
        lead_assessor=users["lead"],
        assessors=[users["assessor"]],
        notified_on=datetime.date(2025, 10, 6),
        site_visit_on=datetime.date(2025, 12, 1),
    )
    mark_demo(assessment)
    _move_to_scoring(actor=users["lead"], assessment=assessment)
    statements = QualityStatement.objects.filter(framework=assessment.framework).order_by("number")
    for statement, score in zip(statements, OPEN_SCORING_SCORES, strict=True):
        statement_score_set(
            actor=users["lead"],
            assessment=assessment,
            statement=statement,
            score=score,
            rationale=RATIONALES[score].format(topic=statement.name.lower()),
        )
    return assessment
