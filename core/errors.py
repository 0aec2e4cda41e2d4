"""The error vocabulary every app shares.

A service refuses a change by raising a subclass of `DomainError` with a message fit to show to
the user; a web view shows it, the API answers it (see `core.api.exception_handler`). Each app
keeps its own subclasses (e.g. `evidence.services.EvidenceError`), so callers may catch one
app's refusals or all of them. Pure Python: no Django, no domain app.
"""

from __future__ import annotations


class DomainError(Exception):
    """A domain rule refused the change; `str(error)` is fit to show to the user.

    `field` names the input field the refusal concerns, when there is one: the API answers it
    as a 400 field error and a form shows it beside that field; otherwise the API answers 409.
    """

    field: str | None = None  # a subclass may pin all its refusals on one field

    def __init__(self, message: str = "", field: str | None = None):
        super().__init__(message)
        if field is not None:
            self.field = field


STALE_MESSAGE = (
    "This was changed by someone else since you opened it. Your changes have not been saved."
)


class StaleVersionError(DomainError):
    """Someone else changed the row since the user read it (optimistic concurrency).

    `current` is the row as now stored, when the service fetched it, so a form can show the
    user's values beside the current ones. The API answers 409 with code `stale_version`.
    """

    def __init__(self, message: str = STALE_MESSAGE, *, current: object | None = None):
        super().__init__(message)
        self.current = current
