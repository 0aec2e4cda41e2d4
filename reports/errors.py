"""The refusals of the reports app's services: each message is fit to show to the user."""

from __future__ import annotations

from core import errors


class ReportError(errors.DomainError):
    """A report rule refused the request; the message is fit to show to the user."""
