"""Demo data after publication (issue 16): a published demo assessment of Herefordshire with a
corrected report (version 2, with its "Corrections" annex) and the council's action plan in
progress (one action overdue, one in progress with progress notes, one done).

Honest by construction:
- the assessment is flagged `is_demo`, so every page, the API (`is_demo`) and both PDF
  versions (the cover note) say "Demo data"; its scores, findings and actions are made up;
- Herefordshire has no published result in assessments/data/, so no real result is hidden;
- the national picture leaves demo assessments out (`assessments.selectors.
  latest_published_assessments`): the table, its CSV/XLSX, the API and the counts still show
  Herefordshire as "not yet published", and the bulk export of published reports skips it.

The reports are queued for the demo's worker like any others. Each version renders the data
taken when it was requested (`Report.input_data`), so version 1 shows the finding as first
published even though the worker renders it after the correction.
Dates count back from today, so the overdue action stays overdue and the others do not.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from actionplans import services as action_services
from actionplans.models import ActionStatus
from assessments import services
from assessments.models import Assessment, AssessmentKind, QualityStatement
from councils.models import Council
from demo.seed.assessments import mark_demo
from demo.seed.base import PUBLISHED_DEMO_GSS_CODE
from demo.seed.reviews import walk_to_draft
from reports.corrections import Change, report_correct
from reports.models import CorrectionKind
from reviews.models import StatementFinding

# Eight statements at 3 and "Equity in experience and outcomes" at 2: 26 of 36, 72% (good).
PUBLISHED_DEMO_SCORES = (3, 3, 2, 3, 3, 3, 3, 3, 3)
CORRECTED_STATEMENT = 1
CORRECTION_REASON = (
    "Demo data: the council pointed out after publication that the share of assessments "
    "completed within 28 days was misquoted; the figure for the year is 81%."
)
DEMO = "Demo data:"

# (statement number or None for the report as a whole, action, owner, due in days from
# today (negative: past), status, progress notes)
ACTIONS = (
    (
        1,
        f"{DEMO} clear the backlog of assessments waiting over 28 days.",
        "Head of adult social care operations",
        -30,
        ActionStatus.NOT_STARTED,
        (),
    ),
    (
        3,
        f"{DEMO} publish information for unpaid carers in community languages.",
        "Carers' lead",
        60,
        ActionStatus.IN_PROGRESS,
        (
            f"{DEMO} translations commissioned for the four most spoken languages.",
            f"{DEMO} first two leaflets tested with the carers' forum; changes agreed.",
        ),
    ),
    (
        None,
        f"{DEMO} report progress on the action plan to the scrutiny committee each quarter.",
        "Director of adult social services",
        -45,
        ActionStatus.DONE,
        (f"{DEMO} first quarterly report taken by the committee.",),
    ),
)


def seed_published(users: dict[str, User]) -> Assessment:
    """Open, score, calibrate (no change), send, publish and correct the demo assessment of
    Herefordshire, render its reports, and record the council's action plan. Returns it."""
    today = timezone.localdate()
    lead, admin = users["lead"], users["admin"]
    council_lead = users["published_council_lead"]
    assessment = services.assessment_create(
        actor=admin,
        council=Council.objects.get(gss_code=PUBLISHED_DEMO_GSS_CODE),
        kind=AssessmentKind.FORMAL,
        lead_assessor=lead,
        assessors=[users["assessor"]],
        notified_on=today - datetime.timedelta(days=330),
        site_visit_on=today - datetime.timedelta(days=260),
    )
    mark_demo(assessment)
    # Sent 200 days ago: the council's 10 working days are long over, with no challenge.
    walk_to_draft(
        assessment, users, PUBLISHED_DEMO_SCORES,
        on=today - datetime.timedelta(days=200), panel_changes=False,
    )  # fmt: skip
    services.assessment_transition(
        actor=admin, assessment=assessment, action="publish",
        on=today - datetime.timedelta(days=180), note="Demo data.",
    )  # fmt: skip
    assessment.refresh_from_db()
    finding = StatementFinding.objects.get(
        assessment=assessment, statement__number=CORRECTED_STATEMENT
    )
    report_correct(
        actor=lead,
        assessment=assessment,
        reason=CORRECTION_REASON,
        changes=[
            Change(
                kind=CorrectionKind.FINDING,
                statement_number=CORRECTED_STATEMENT,
                field="people_told_us",
                new_value=f"{finding.people_told_us} 81% of assessments were completed "
                "within 28 days over the year.",
            )
        ],
    )
    seed_action_plan(assessment, council_lead, today=today)
    return assessment


def seed_action_plan(assessment: Assessment, council_lead: User, *, today: datetime.date) -> None:
    """The council lead's plan: each action added, then moved on with its progress notes."""
    statements = {
        s.number: s for s in QualityStatement.objects.filter(framework=assessment.framework)
    }
    for number, text, owner, due_in, status, notes in ACTIONS:
        action = action_services.action_add(
            actor=council_lead, assessment=assessment,
            statement=statements.get(number) if number else None, action=text, owner=owner,
            due_on=today + datetime.timedelta(days=due_in),
        )  # fmt: skip
        for index, note in enumerate(notes):
            action = action_services.action_update(
                actor=council_lead, action=action, note=note,
                status=status if index == len(notes) - 1 else ActionStatus.IN_PROGRESS,
            )  # fmt: skip
