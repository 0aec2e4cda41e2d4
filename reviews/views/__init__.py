"""Pages of the review, one module per topic. Thin: the policy decides who may see (404
otherwise) and act (403), forms parse input, services write and raise AssessmentError with a
message shown on the page. The names are re-exported for the URLconf."""

from reviews.views.factual_accuracy import (
    challenge_attachment,
    challenge_create,
    challenge_detail,
    challenges,
    deadline_extend,
)
from reviews.views.findings import (
    assessment_for,
    bound,
    finding_edit,
    findings,
    review_panels,
    summary_edit,
)
from reviews.views.publication import (
    confirm,
    publication_override,
    publication_pause_end,
    publication_pauses,
)

__all__ = [
    "confirm",
    "publication_override",
    "publication_pause_end",
    "publication_pauses",
    "assessment_for",
    "bound",
    "challenge_attachment",
    "challenge_create",
    "challenge_detail",
    "challenges",
    "deadline_extend",
    "finding_edit",
    "findings",
    "review_panels",
    "summary_edit",
]
