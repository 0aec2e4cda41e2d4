"""The fieldwork app's domain error."""

from core import errors


class FieldworkError(errors.DomainError):
    """A fieldwork rule refused the change; the message is fit to show to the user (`field`,
    when given, names the input it concerns)."""
