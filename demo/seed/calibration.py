"""Demo data for quality assurance (issue 16), all through the services so it is audited:
Suffolk's demo assessment goes through a calibration panel that changes one score (the lead
assessor proposed 3 for "Safe systems, pathways and transitions"; the panel agreed 2), and,
once the draft is with the council, the council confirms all its comments are in (early).

The panel's members are fictional people labelled "(demo)"; no real person is named.
"""

from __future__ import annotations

import datetime

from accounts.models import User
from assessments import services
from assessments.models import Assessment, QualityStatement, StatementScore
from calibration import services as calibration_services
from reviews import services as review_services

DEMO_MEMBERS = (
    ("Pat Panel (demo)", "Chair, national quality assurance", "internal"),
    ("Ravi Review (demo)", "Senior assessor from another region", "internal"),
    ("Jo External (demo)", "Former director of adult social services", "external"),
)
CHANGED_STATEMENT = 6
PANEL_REASON = (
    "Demo data: the panel found the evidence on transitions for young people did not yet "
    "show a good standard across the council, so it agreed 2 (some shortfalls)."
)


def seed_calibration(
    assessment: Assessment, users: dict[str, User], *, change_one: bool = True
) -> None:
    """Run the panel on an assessment at quality assurance; it changes one score (statement
    CHANGED_STATEMENT) unless `change_one` is False, when it agrees every proposed score."""
    lead, chair = users["lead"], users["admin"]
    statements = {
        s.number: s for s in QualityStatement.objects.filter(framework=assessment.framework)
    }
    agreed = dict(
        StatementScore.objects.filter(assessment=assessment).values_list(
            "statement__number", "score"
        )
    )
    if change_one:
        # The lead assessor's proposal differs from what the panel will agree on one statement.
        services.statement_score_set(
            actor=lead,
            assessment=assessment,
            statement=statements[CHANGED_STATEMENT],
            score=agreed[CHANGED_STATEMENT] + 1,
            rationale="Demo data: the lead assessor's proposal to the calibration panel.",
        )
    calibration_services.panel_save(
        actor=lead, assessment=assessment, meeting_on=datetime.date(2025, 12, 1), chair=chair
    )
    for name, role, membership in DEMO_MEMBERS:
        calibration_services.panel_member_add(
            actor=lead, assessment=assessment, name=name, role=role, membership=membership
        )
    calibration_services.panel_propose(actor=lead, assessment=assessment)
    for number, score in sorted(agreed.items()):
        calibration_services.panel_outcome_record(
            actor=chair,
            assessment=assessment,
            statement=statements[number],
            agreed_score=score,
            reason=PANEL_REASON if change_one and number == CHANGED_STATEMENT else "",
        )
    calibration_services.panel_sign_off(actor=chair, assessment=assessment)


def seed_early_confirmation(assessment: Assessment, users: dict[str, User]) -> None:
    """The council lead confirms all its comments are in before the deadline."""
    review_services.factual_accuracy_confirm(
        actor=users["council_lead"], assessment=assessment, kind="all_comments_in"
    )
