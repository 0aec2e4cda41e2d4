"""The refusals of assessments' (and reviews') services: each message is fit to show to the
user. They subclass core's two bases, which the API handler and the pages know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core import errors

if TYPE_CHECKING:
    from assessments.models import Assessment


class AssessmentError(errors.DomainError):
    """A domain rule refused the change; the message is fit to show to the user."""


class StaleVersionError(AssessmentError, errors.StaleVersionError):
    """Someone else changed the row since the user read it (optimistic concurrency)."""


class StaleAssessmentError(StaleVersionError):
    """The assessment changed since the user opened it; `current` is it as now stored."""

    def __init__(self, current: Assessment):
        super().__init__(
            "This assessment was changed by someone else since you opened it. "
            "Your changes have not been saved.",
            current=current,
        )


class ResultsImportError(AssessmentError):
    """A results file with bad rows: nothing was loaded. `errors` names each bad line."""

    def __init__(self, errors: list[str]):
        super().__init__(f"Nothing was loaded: {len(errors)} problem(s) in the file.")
        self.errors = errors
