"""Writes of the council portal, by topic. Every state-changing service is atomic, takes
actor=, validates before saving, writes one audit record and sends emails after commit.
Domain refusals raise ReturnsError with a message fit to show to the user."""

from returns.services.common import ReturnsError, StaleAnswerError  # noqa: F401
from returns.services.returns import return_issue_on_evidence_start  # noqa: F401, E402
