"""Demo data for findings, the workflow and the factual accuracy check.

Suffolk gets an open formal assessment (demo data, flagged `is_demo`) in its factual accuracy
check with one decided and one pending challenge, so the demo council lead has something to
do. Nothing is published: the only published results are the real ones loaded from
assessments/data/. Everything goes through the services, so it is audited like real work.
"""

from __future__ import annotations

import datetime

from accounts.models import User
from assessments import services
from assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    QualityStatement,
    StatementScore,
)
from councils.models import Council
from demo.seed.fieldwork import peoples_experience_override_for_walk
from reviews import services as review_services
from reviews.models import ChallengeDecision

FORMAL_SUFFOLK_SCORES = (2, 2, 2, 3, 3, 2, 3, 3, 3)

FINDINGS = {
    "people_told_us": (
        "People told us staff listened to them and involved them in decisions about their "
        "care, though some waited longer than they expected for contact."
    ),
    "strengths": (
        "Staff knew their communities well and worked with voluntary sector partners to "
        "offer support close to home."
    ),
    "areas_for_development": (
        "Waiting times for assessments and reviews were not consistently monitored, and "
        "information for carers was hard to find."
    ),
}


def _statements(assessment: Assessment) -> list[QualityStatement]:
    return list(QualityStatement.objects.filter(framework=assessment.framework).order_by("number"))


def _score_if_unscored(assessment: Assessment, actor: User, scores: tuple[int, ...]) -> None:
    """Score every statement the scoring seed has not scored already."""
    done = set(
        StatementScore.objects.filter(assessment=assessment, score__isnull=False).values_list(
            "statement_id", flat=True
        )
    )
    for statement, score in zip(_statements(assessment), scores, strict=True):
        if statement.pk not in done:
            services.statement_score_set(
                actor=actor,
                assessment=assessment,
                statement=statement,
                score=score,
                rationale=f"Evidence across the categories for {statement.name.lower()}.",
            )


def _write_findings(assessment: Assessment, actor: User) -> None:
    council = assessment.council.name
    review_services.summary_update(
        actor=actor,
        assessment=assessment,
        summary=(
            f"{council} has a clear vision for adult social care, shared with partners. "
            "People mostly received timely, person-centred support; waiting times for some "
            "assessments and for reviews need attention."
        ),
    )
    for statement in _statements(assessment):
        review_services.finding_update(
            actor=actor,
            assessment=assessment,
            statement=statement,
            direction="improving" if statement.number % 3 else "stable",
            **FINDINGS,
        )


def walk_to_draft(
    assessment: Assessment, users: dict[str, User], scores, on=None, *, panel_changes=True
) -> None:
    """Take the assessment from wherever it stands (the scoring seed may have moved it to
    scoring already) to the factual accuracy check, through the real workflow (`on`: the date
    of each step; the calibration panel changes one score unless `panel_changes` is False)."""
    lead, assessor = users["lead"], users["assessor"]
    steps = {
        AssessmentStatus.PLANNED: (assessor, "start_evidence"),
        AssessmentStatus.EVIDENCE_GATHERING: (assessor, "start_scoring"),
        AssessmentStatus.SCORING: (assessor, "submit_for_qa"),
        AssessmentStatus.QUALITY_ASSURANCE: (lead, "send_for_factual_accuracy"),
    }
    while assessment.status in steps:
        actor, action = steps[assessment.status]
        if assessment.status == AssessmentStatus.SCORING:
            _score_if_unscored(assessment, assessor, scores)
            _write_findings(assessment, assessor)
            peoples_experience_override_for_walk(assessment, lead)  # required before QA
        if assessment.status == AssessmentStatus.QUALITY_ASSURANCE:
            from demo.seed.calibration import seed_calibration  # issue 16: panel sign-off

            seed_calibration(assessment, users, change_one=panel_changes)
        services.assessment_transition(actor=actor, assessment=assessment, action=action, on=on)
        assessment.refresh_from_db()


def seed_review(users: dict[str, User]) -> Assessment:
    """Open Suffolk's formal assessment (demo data) and take it to factual accuracy.

    Returns the Suffolk formal assessment.
    """
    from demo.seed.assessments import mark_demo

    suffolk = services.assessment_create(
        actor=users["admin"],
        council=Council.objects.get(name="Suffolk"),
        kind=AssessmentKind.FORMAL,
        lead_assessor=users["lead"],
        assessors=[users["assessor"]],
        notified_on=datetime.date(2025, 9, 1),
        site_visit_on=datetime.date(2025, 11, 10),
    )
    mark_demo(suffolk)
    walk_to_draft(suffolk, users, FORMAL_SUFFOLK_SCORES)
    statements = _statements(suffolk)
    decided = review_services.challenge_raise(
        actor=users["council_lead"],
        assessment=suffolk,
        statement=statements[0],
        kind="typo_or_number",
        text_challenged="Staff told us 72% of assessments were completed within 28 days.",
        proposed_correction="The figure for the year was 78%, as in our information return.",
    )
    review_services.challenge_decide(
        actor=users["lead"],
        challenge=decided,
        decision=ChallengeDecision.ACCEPTED,
        change_made="Figure corrected to 78% in what people told us.",
        finding_values={
            "people_told_us": FINDINGS["people_told_us"]
            + " 78% of assessments were completed within 28 days."
        },
    )
    review_services.challenge_raise(
        actor=users["council_lead"],
        assessment=suffolk,
        statement=None,
        kind="omission",
        text_challenged="The summary does not mention the new carers' hub.",
        proposed_correction="Add that the carers' hub opened in June 2025 and has 1,200 members.",
        evidence_note="Cabinet report, June 2025.",
    )
    return suffolk
