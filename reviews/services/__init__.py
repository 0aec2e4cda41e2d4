"""Writes of the review, one module per topic: the findings and the summary, and the factual
accuracy check (challenges, decisions, deadline extensions). Each is atomic, takes actor=
and is audited; refusals raise AssessmentError (a review is a step of its assessment) with
a message fit to show. The names are re-exported here."""

from reviews.services.factual_accuracy import (
    challenge_deadline_passed,
    challenge_decide,
    challenge_raise,
    deadline_extend,
)
from reviews.services.findings import (
    FINDING_FIELDS,
    finding_update,
    summary_update,
)
from reviews.services.publication import (
    factual_accuracy_confirm,
    publication_override_record,
    publication_pause_create,
    publication_pause_end,
)

__all__ = [
    "FINDING_FIELDS",
    "challenge_deadline_passed",
    "challenge_decide",
    "challenge_raise",
    "deadline_extend",
    "factual_accuracy_confirm",
    "publication_override_record",
    "publication_pause_create",
    "publication_pause_end",
    "finding_update",
    "summary_update",
]
