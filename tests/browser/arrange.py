"""Data a browser journey starts from, made through the services (as `seed_demo` does).

Runs inside the app's own database: `conftest.arrange` calls these functions through
`manage.py shell`, so a journey can start from, say, an assessment in quality assurance
without clicking through the steps another journey already covers. Each journey arranges
its own council, so the journeys do not depend on each other's order.
"""

from __future__ import annotations

import datetime

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create
from assessments import services
from assessments.models import Assessment, AssessmentStatus, QualityStatement
from councils.models import Council
from evidence import services as evidence_services
from reviews import services as review_services

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo users' published password

# Who takes each step towards the factual accuracy check (the team's assessor, then the lead).
_STEPS = {
    AssessmentStatus.PLANNED: ("assessor", "start_evidence"),
    AssessmentStatus.EVIDENCE_GATHERING: ("assessor", "start_scoring"),
    AssessmentStatus.SCORING: ("assessor", "submit_for_qa"),
    AssessmentStatus.QUALITY_ASSURANCE: ("lead", "send_for_factual_accuracy"),
}
_ORDER = list(_STEPS) + [AssessmentStatus.FACTUAL_ACCURACY]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _statements(assessment: Assessment) -> list[QualityStatement]:
    return list(QualityStatement.objects.filter(framework=assessment.framework).order_by("number"))


def assessment_at(
    *,
    gss_code: str,
    status: str,
    lead: str = "lead.assessor",
    assessors: tuple[str, ...] = ("assessor",),
    scores: tuple[int, ...] = (3, 3, 3, 3, 3, 3, 3, 3, 3),
    calibrate: bool = True,
) -> int:
    """Open a formal assessment of the council and walk it to `status` (up to the factual
    accuracy check); from quality assurance on it is scored, with a summary and findings,
    and (unless `calibrate` is false) its calibration panel signed the scores off unchanged
    (issue 16: the draft goes to the council only after that). Returns its id."""
    team = [_user(name) for name in assessors]
    assessment = services.assessment_create(
        actor=_user("admin"),
        council=Council.objects.get(gss_code=gss_code),
        lead_assessor=_user(lead),
        assessors=team,
        notified_on=datetime.date(2025, 9, 1),
        site_visit_on=datetime.date(2025, 11, 3),
    )
    actors = {"assessor": team[0], "lead": _user(lead)}
    while _ORDER.index(assessment.status) < _ORDER.index(status):
        who, action = _STEPS[assessment.status]
        if action == "submit_for_qa":
            for statement, score in zip(_statements(assessment), scores, strict=True):
                services.statement_score_set(
                    actor=actors["assessor"],
                    assessment=assessment,
                    statement=statement,
                    score=score,
                    rationale=f"Case tracking and interviews on {statement.name.lower()}.",
                )
                review_services.finding_update(
                    actor=actors["assessor"],
                    assessment=assessment,
                    statement=statement,
                    direction="improving",
                    people_told_us=f"People told us about {statement.name.lower()}.",
                    strengths="Staff knew their communities well.",
                    areas_for_development="Waiting times were not consistently monitored.",
                )
            review_services.summary_update(
                actor=actors["assessor"],
                assessment=assessment,
                summary=f"{assessment.council.name} has a clear vision for adult social care.",
            )
            # People's experience evidence on every statement: required before QA (issue 15).
            evidence_services.evidence_create(
                actor=actors["assessor"],
                assessment=assessment,
                statements=_statements(assessment),
                category=assessment.framework.evidence_categories.get(code="peoples-experience"),
                route="collected",
                source_type="case_tracking",
                title="Case tracking summary",
                narrative="Six people's care journeys followed with their consent.",
                direction="positive",
                effective_date=datetime.date(2025, 11, 3),
            )
        services.assessment_transition(actor=actors[who], assessment=assessment, action=action)
        assessment.refresh_from_db()
        if assessment.status == AssessmentStatus.QUALITY_ASSURANCE and calibrate:
            _calibrate(assessment, actors["lead"])
    return assessment.pk


def _calibrate(assessment: Assessment, lead: User) -> None:
    """The panel signs the scores off unchanged (through the services, so it is audited)."""
    from calibration import services as calibration_services

    chair = _user("admin")
    calibration_services.panel_save(
        actor=lead, assessment=assessment, meeting_on=datetime.date(2025, 12, 1), chair=chair
    )
    calibration_services.panel_member_add(
        actor=lead, assessment=assessment, name="Synthetic panel member", role="Assessor",
        membership="internal",
    )  # fmt: skip
    calibration_services.panel_propose(actor=lead, assessment=assessment)
    for outcome in assessment.calibration_panel.outcomes.select_related("statement"):
        calibration_services.panel_outcome_record(
            actor=chair, assessment=assessment, statement=outcome.statement,
            agreed_score=outcome.proposed_score,
        )  # fmt: skip
    calibration_services.panel_sign_off(actor=chair, assessment=assessment)


def council_lead(*, username: str, gss_code: str, full_name: str) -> int:
    """A council lead of the council (password: the demo password)."""
    return user_create(
        username=username,
        password=DEMO_PASSWORD,
        role=Role.COUNCIL_LEAD,
        full_name=full_name,
        email=f"{username}@council.example",
        councils=[Council.objects.get(gss_code=gss_code)],
    ).pk


def challenge(*, assessment_id: int, raised_by: str, statement_number: int) -> int:
    """A pending typographical challenge on one statement's findings."""
    assessment = Assessment.objects.get(pk=assessment_id)
    return review_services.challenge_raise(
        actor=_user(raised_by),
        assessment=assessment,
        statement=_statements(assessment)[statement_number - 1],
        kind="typo_or_number",
        text_challenged="People told us about assessing needs.",
        proposed_correction="People told us about assessing needs in 2025.",
    ).pk


def open_assessment(*, gss_code: str) -> int:
    """The id of the council's open (not published or withdrawn) assessment."""
    return (
        Assessment.objects.filter(council__gss_code=gss_code)
        .exclude(status__in=[AssessmentStatus.PUBLISHED, AssessmentStatus.WITHDRAWN])
        .get()
        .pk
    )


# ---- council portal (issue 14) ---------------------------------------------------------------


def council_contributor(*, username: str, gss_code: str, full_name: str) -> int:
    """A council contributor of the council (password: the demo password)."""
    return user_create(
        username=username,
        password=DEMO_PASSWORD,
        role=Role.COUNCIL_CONTRIBUTOR,
        full_name=full_name,
        email=f"{username}@council.example",
        councils=[Council.objects.get(gss_code=gss_code)],
    ).pk


def answer_remaining_items(*, assessment_id: int, username: str) -> int:
    """Mark every item of the return not yet done "ready" with a short text, through the
    service (the journey answers two items itself). Returns how many."""
    from returns.models import DONE_ANSWER_STATUSES, ReturnAnswer
    from returns.services import returns as return_services

    answers = ReturnAnswer.objects.filter(information_return__assessment_id=assessment_id).exclude(
        status__in=DONE_ANSWER_STATUSES
    )
    for answer in answers:
        return_services.answer_update(
            actor=_user(username), answer=answer, version=answer.version, status="ready",
            text="Synthetic journey text: see our published policy.",
        )  # fmt: skip
    return len(answers)
