"""The assessment workflow: one explicit map of the allowed status transitions.

Each action moves an assessment from one of its `from_statuses` to `to_status` and may be
made only by the roles named: "team" (any member of the assessment's team), "lead_assessor"
(the assessment's lead assessor) or "admin". Whether a user holds one of those roles is
decided by `policy.can_make_transition`; the preconditions that need data (every
statement scored, every challenge decided) are checked by
`assessments.services.assessment_transition`, which is the only way a status changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import AssessmentStatus

S = AssessmentStatus

ROLE_LABELS = {
    "team": "the assessment team",
    "lead_assessor": "the lead assessor",
    "admin": "an admin",
}


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # a button: "Send to the council for factual accuracy"
    from_statuses: tuple[str, ...]
    to_status: str
    roles: frozenset[str]
    note_required: bool = False
    note_label: str = "Note (optional)"
    note_missing: str = ""  # the error when a required note is left empty
    warning: bool = False  # shown as a warning button: the action is hard to undo

    @property
    def roles_label(self) -> str:
        names = [
            ROLE_LABELS[role] for role in ("lead_assessor", "team", "admin") if role in self.roles
        ]
        return " or ".join(names)


_ACTIONS = (
    Action("start_evidence", "Start evidence gathering", (S.PLANNED,), S.EVIDENCE_GATHERING,
           frozenset({"team", "admin"})),
    Action("start_scoring", "Start scoring and drafting", (S.EVIDENCE_GATHERING,), S.SCORING,
           frozenset({"team", "admin"})),
    Action("return_to_evidence", "Return to evidence gathering", (S.SCORING,),
           S.EVIDENCE_GATHERING, frozenset({"team", "admin"}), note_required=True,
           note_label="Why is more evidence needed?",
           note_missing="Enter why more evidence is needed"),
    Action("submit_for_qa", "Submit for quality assurance", (S.SCORING,), S.QUALITY_ASSURANCE,
           frozenset({"team", "admin"})),
    Action("return_to_scoring", "Return to scoring and drafting",
           (S.QUALITY_ASSURANCE, S.FACTUAL_ACCURACY), S.SCORING,
           frozenset({"lead_assessor", "admin"}), note_required=True,
           note_label="What needs to change?", note_missing="Enter what needs to change"),
    Action("send_for_factual_accuracy", "Send to the council for factual accuracy",
           (S.QUALITY_ASSURANCE,), S.FACTUAL_ACCURACY, frozenset({"lead_assessor", "admin"})),
    Action("publish", "Publish", (S.FACTUAL_ACCURACY,), S.PUBLISHED, frozenset({"admin"}),
           warning=True),
    Action("withdraw", "Withdraw the assessment",
           (S.PLANNED, S.EVIDENCE_GATHERING, S.SCORING, S.QUALITY_ASSURANCE,
            S.FACTUAL_ACCURACY), S.WITHDRAWN, frozenset({"admin"}), note_required=True,
           note_label="Reason for withdrawing",
           note_missing="Enter the reason for withdrawing", warning=True),
)  # fmt: skip

ACTIONS: dict[str, Action] = {action.name: action for action in _ACTIONS}

# The map as (from, to) -> allowed roles, for reading at a glance and for tests.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
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
