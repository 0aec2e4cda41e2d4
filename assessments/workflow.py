"""The assessment workflow: one explicit map of the allowed status transitions, with what
each step needs and what it does.

Each action moves an assessment from one of its `from_statuses` to `to_status`, may be taken
only by the `roles` named (a `Role`: the assessment team, its lead assessor, an admin;
whether a user holds one is decided by `policy.can_make_transition`), and names:
- `requires`: its preconditions on the data (each says why the step cannot be taken yet);
- `on_enter`: its effects on the assessment as it enters the new status (dates, frozen
  result, reason), saved with the status;
- `then`: what it starts in the same transaction once saved (the published report);
- `notify`: the emails sent after commit (each takes the assessment's id).
`assessments.services.assessment_transition` reads this map and is the only way a status
changes; it adds no rule of its own beyond the map, the roles and the note.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from assessments import notifications, working_days
from assessments.models import Assessment, AssessmentStatus, TransitionRole
from assessments.selectors import assessment_scores_complete
from reviews import selectors as review_selectors

S = AssessmentStatus


Role = TransitionRole  # who may take a step: TEAM, LEAD_ASSESSOR, ADMIN (with labels)


@dataclass(frozen=True)
class Step:
    """One step being taken, as the effects see it."""

    actor: object
    note: str
    on: datetime.date  # the day it takes effect (today, or a historic day for the demo)


# ---- preconditions: each returns why the step cannot be taken yet, or "" -------------------

Requirement = Callable[[Assessment], str]


def every_statement_scored(before_you: str) -> Requirement:
    """Every quality statement of the framework has a score."""

    def problem(assessment: Assessment) -> str:
        scored, total = assessment_scores_complete(assessment=assessment)
        if scored < total:
            return (
                f"Score every quality statement before you {before_you}: {total - scored} of "
                f"{total} are not scored yet."
            )
        return ""

    problem.__name__ = f"every_statement_scored_before_you_{before_you.replace(' ', '_')}"
    return problem


def summary_written(assessment: Assessment) -> str:
    """The report's summary is written (the council checks it for factual accuracy)."""
    if not review_selectors.summary_is_written(assessment=assessment):
        return "Write the summary before you send the draft to the council."
    return ""


def every_challenge_decided(assessment: Assessment) -> str:
    """No factual accuracy challenge is still awaiting the team's decision."""
    pending = review_selectors.pending_challenge_count(assessment=assessment)
    if pending:
        return (
            f"Every challenge needs a decision before publication: {pending} "
            f"{'is' if pending == 1 else 'are'} still awaiting one."
        )
    return ""


def peoples_experience_override_note(assessment: Assessment) -> str:
    """For the timeline: the statements that went ahead without people's-experience evidence
    and the lead assessor's recorded reason ("" when every statement had it)."""
    from fieldwork.selectors import peoples_experience_override_note as note

    return note(assessment=assessment)


def peoples_experience_for_every_statement(assessment: Assessment) -> str:
    """Every statement has people's-experience evidence, or the lead assessor recorded why
    the assessment may go ahead without it (fieldwork.selectors.peoples_experience_gap)."""
    from fieldwork.selectors import peoples_experience_gap  # fieldwork builds on assessments

    return peoples_experience_gap(assessment=assessment)


# Issue 16 (quality assurance, factual accuracy as CQC runs it): the draft goes to the council
# only after the calibration panel signs off; publication waits for the end of the check (or
# the council's confirmation, or an admin's recorded override) and for any pre-election pause.


def calibration_signed_off(assessment: Assessment) -> str:
    """The calibration panel has signed off the scores as they stand."""
    from calibration.selectors import sign_off_problem  # calibration builds on assessments

    return sign_off_problem(assessment=assessment)


def factual_accuracy_check_over(assessment: Assessment) -> str:
    """The council's 10 working days are over, or it confirmed, or an admin overrode."""
    from django.utils import timezone

    today = timezone.localdate()
    if assessment.fa_due_on is None or today > assessment.fa_due_on:
        return ""
    if review_selectors.fa_confirmation(assessment=assessment) is not None:
        return ""
    if review_selectors.current_publication_override(assessment=assessment) is not None:
        return ""
    return (
        f"The council's factual accuracy check runs until {assessment.fa_due_on:%-d %B %Y}. "
        "Publish before then only once the council has confirmed it has no (more) comments, "
        "or an admin records the reason for publishing early."
    )


def not_in_publication_pause(assessment: Assessment) -> str:
    """No pre-election publication pause covers the council today."""
    from django.utils import timezone

    pause = review_selectors.publication_pause_for(
        council_id=assessment.council_id, on=timezone.localdate()
    )
    if pause is None:
        return ""
    return (
        f"Publication is paused for {pause.name} ({pause.starts_on:%-d %B %Y} to "
        f"{pause.ends_on:%-d %B %Y}); publish after the period ends."
    )


# ---- effects on entering the new status ----------------------------------------------------

Effect = Callable[[Assessment, Step], None]


def start_factual_accuracy_check(assessment: Assessment, step: Step) -> None:
    """Sent today; due 10 working days later (England and Wales bank holidays skipped)."""
    assessment.fa_sent_on = step.on
    assessment.fa_due_on = working_days.factual_accuracy_due(step.on)


def freeze_published_result(assessment: Assessment, step: Step) -> None:
    """The result is computed once and frozen with the publication date."""
    # Imported here: the services import this map.
    from assessments.services.scores import assessment_freeze_result

    assessment_freeze_result(assessment=assessment)
    assessment.published_on = step.on


def record_withdrawal_reason(assessment: Assessment, step: Step) -> None:
    assessment.withdrawn_reason = step.note


def send_draft_to_council(assessment: Assessment, step: Step) -> None:
    """Render the draft the council receives: the version sent for factual accuracy."""
    from reports.services import report_request  # reports builds on assessments

    report_request(actor=step.actor, assessment=assessment, kind="draft")


def request_published_report(assessment: Assessment, step: Step) -> None:
    """Queue the published report's rendering (after commit, by the reports service)."""
    from reports.services import report_request  # reports builds on assessments

    report_request(actor=step.actor, assessment=assessment, kind="published")


def issue_information_return(assessment: Assessment, step: Step) -> None:
    """Issue the council's information return with the default due date, unless one exists
    (the explicit step stays for other cases)."""
    from returns.services import return_issue_on_evidence_start  # returns builds on assessments

    return_issue_on_evidence_start(actor=step.actor, assessment=assessment, on=step.on)


# ---- the map ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # a button: "Send to the council for factual accuracy"
    from_statuses: tuple[str, ...]
    to_status: str
    roles: frozenset[Role]
    note_required: bool = False
    note_label: str = "Note (optional)"
    note_missing: str = ""  # the error when a required note is left empty
    warning: bool = False  # shown as a warning button: the action is hard to undo
    requires: tuple[Requirement, ...] = ()
    on_enter: tuple[Effect, ...] = ()
    then: tuple[Effect, ...] = ()
    notify: tuple[Callable[[int], int], ...] = ()
    # What the timeline should say about the step besides the person's note (e.g. a
    # precondition met by a recorded override rather than by the data): text or "".
    records: tuple[Requirement, ...] = ()

    @property
    def roles_label(self) -> str:
        names = [
            role.label for role in (Role.LEAD_ASSESSOR, Role.TEAM, Role.ADMIN) if role in self.roles
        ]
        return " or ".join(names)

    def problem(self, assessment: Assessment) -> str:
        """The first precondition the data does not meet yet ("" when none)."""
        for requirement in self.requires:
            message = requirement(assessment)
            if message:
                return message
        return ""


TEAM_OR_ADMIN = frozenset({Role.TEAM, Role.ADMIN})
LEAD_OR_ADMIN = frozenset({Role.LEAD_ASSESSOR, Role.ADMIN})
ADMIN_ONLY = frozenset({Role.ADMIN})

_ACTIONS = (
    Action("start_evidence", "Start evidence gathering", (S.PLANNED,), S.EVIDENCE_GATHERING,
           TEAM_OR_ADMIN, then=(issue_information_return,)),
    Action("start_scoring", "Start scoring and drafting", (S.EVIDENCE_GATHERING,), S.SCORING,
           TEAM_OR_ADMIN),
    Action("return_to_evidence", "Return to evidence gathering", (S.SCORING,),
           S.EVIDENCE_GATHERING, TEAM_OR_ADMIN, note_required=True,
           note_label="Why is more evidence needed?",
           note_missing="Enter why more evidence is needed"),
    Action("submit_for_qa", "Submit for quality assurance", (S.SCORING,), S.QUALITY_ASSURANCE,
           TEAM_OR_ADMIN, requires=(every_statement_scored("submit for quality assurance"),
                                    peoples_experience_for_every_statement),
           records=(peoples_experience_override_note,)),
    Action("return_to_scoring", "Return to scoring and drafting",
           (S.QUALITY_ASSURANCE, S.FACTUAL_ACCURACY), S.SCORING, LEAD_OR_ADMIN,
           note_required=True, note_label="What needs to change?",
           note_missing="Enter what needs to change"),
    Action("send_for_factual_accuracy", "Send to the council for factual accuracy",
           (S.QUALITY_ASSURANCE,), S.FACTUAL_ACCURACY, LEAD_OR_ADMIN,
           requires=(every_statement_scored("send the draft to the council"), summary_written,
                     calibration_signed_off),
           on_enter=(start_factual_accuracy_check,),
           then=(send_draft_to_council,),
           notify=(notifications.draft_sent,)),
    Action("publish", "Publish", (S.FACTUAL_ACCURACY,), S.PUBLISHED, ADMIN_ONLY, warning=True,
           requires=(every_statement_scored("publish"), every_challenge_decided,
                     factual_accuracy_check_over, not_in_publication_pause),
           on_enter=(freeze_published_result,),
           then=(request_published_report,),
           notify=(notifications.assessment_published,)),
    Action("withdraw", "Withdraw the assessment",
           (S.PLANNED, S.EVIDENCE_GATHERING, S.SCORING, S.QUALITY_ASSURANCE,
            S.FACTUAL_ACCURACY), S.WITHDRAWN, ADMIN_ONLY, note_required=True,
           note_label="Reason for withdrawing",
           note_missing="Enter the reason for withdrawing", warning=True,
           on_enter=(record_withdrawal_reason,)),
)  # fmt: skip

ACTIONS: dict[str, Action] = {action.name: action for action in _ACTIONS}

# The map as (from, to) -> allowed roles, for reading at a glance and for tests.
TRANSITIONS: dict[tuple[str, str], frozenset[Role]] = {
    (from_status, action.to_status): action.roles
    for action in _ACTIONS
    for from_status in action.from_statuses
}


class UnknownAction(KeyError):
    pass


def get_action(name: str) -> Action:
    try:
        return ACTIONS[name]
    except KeyError:
        raise UnknownAction(name) from None


def actions_from(status: str) -> list[Action]:
    """The actions that may start from `status`, in the map's order."""
    return [action for action in _ACTIONS if status in action.from_statuses]
