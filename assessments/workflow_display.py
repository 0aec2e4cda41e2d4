"""How the workflow's steps are shown: which button leads, and what the banner says after.

Kept apart from `assessments.workflow` (the map of allowed transitions) because it is wording
and presentation, not a rule about who may move an assessment where.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.workflow import Action

# Steps that send the assessment back a stage: never the primary button, even when they are
# the only step a user may take.
BACKWARD = frozenset({"return_to_evidence", "return_to_scoring"})

# What happened, in plain English, for the banner shown after each step.
DONE = {
    "start_evidence": "Evidence gathering has started",
    "start_scoring": "Scoring and drafting has started",
    "return_to_evidence": "The assessment was returned to evidence gathering",
    "submit_for_qa": "The assessment was submitted for quality assurance",
    "return_to_scoring": "The assessment was returned to scoring and drafting",
    "send_for_factual_accuracy": "The draft was sent to the council to check its factual accuracy",
    "publish": "The assessment was published",
    "withdraw": "The assessment was withdrawn",
}


@dataclass(frozen=True)
class ActionButton:
    action: Action
    style: str  # "primary", "secondary" or "warning" (a GOV.UK button modifier)

    @property
    def css_class(self) -> str:
        return (
            "govuk-button"
            if self.style == "primary"
            else f"govuk-button govuk-button--{self.style}"
        )


def action_buttons(actions: list[Action]) -> list[ActionButton]:
    """The forward step first as the primary button, steps back as secondary buttons, and
    steps that are hard to undo (publish, withdraw) as warning buttons."""

    def style(action: Action) -> str:
        if action.warning:
            return "warning"
        return "secondary" if action.name in BACKWARD else "primary"

    order = {"primary": 0, "warning": 1, "secondary": 2}
    buttons = [ActionButton(action, style(action)) for action in actions]
    # Publish (a warning, but the forward step) leads; withdraw stays last.
    buttons.sort(key=lambda b: 3 if b.action.name == "withdraw" else order[b.style])
    return buttons


def done_message(action: Action) -> str:
    """The banner after `action` was taken: what happened, as a sentence."""
    return DONE.get(action.name, f"{action.label} is done") + "."
