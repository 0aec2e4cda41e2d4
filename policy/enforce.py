"""Enforcing a decision: 404 when the object must not be disclosed, else 403."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from policy.assessments import can_view_assessment

if TYPE_CHECKING:
    from assessments.models import Assessment


def require(allowed: bool, *, hide: bool = False, message: str = "") -> None:
    """Raise 404 when `hide` (the object must not be disclosed), else 403, unless allowed."""
    if allowed:
        return
    if hide:
        raise Http404
    raise PermissionDenied(message or "You do not have permission to do that.")


def require_view_assessment(user, assessment: Assessment) -> None:
    require(can_view_assessment(user, assessment), hide=True)
