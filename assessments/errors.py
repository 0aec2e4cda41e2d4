"""The refusals of assessments' services: each message is fit to show to the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assessments.models import Assessment


class AssessmentError(Exception):
    """A domain rule refused the change; the message is fit to show to the user."""


class StaleVersionError(AssessmentError):
    """Someone else changed the row since the user read it (optimistic concurrency)."""


class StaleAssessmentError(AssessmentError):
    """The assessment changed since the user opened it; `current` is it as now stored."""

    def __init__(self, current: Assessment):
        super().__init__(
            "This assessment was changed by someone else since you opened it. "
            "Your changes have not been saved."
        )
        self.current = current


class ResultsImportError(AssessmentError):
    """A results file with bad rows: nothing was loaded. `errors` names each bad line."""

    def __init__(self, errors: list[str]):
        super().__init__(f"Nothing was loaded: {len(errors)} problem(s) in the file.")
        self.errors = errors
