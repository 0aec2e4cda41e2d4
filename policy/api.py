"""The policy as DRF permissions: how an API view asks the policy about an object or a user.

A user for whom the object is not visible gets 404 (its existence is not disclosed); one who
may see it but not act gets 403; an anonymous user asking a user-level question gets 401.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from policy.assessments import can_view_assessment

PolicyCheck = Callable[[Any, Any], bool]


def policy_permission(
    check: PolicyCheck, *, visible: PolicyCheck | None = can_view_assessment
) -> type[BasePermission]:
    """A permission class asking the policy about an object (usually the assessment).

    A user for whom `visible(user, obj)` is false gets 404 (the object is not disclosed);
    one who may see it but for whom `check(user, obj)` is false gets 403.
    """

    class PolicyPermission(BasePermission):
        message = "You do not have permission to do that."

        def has_object_permission(self, request, view, obj) -> bool:
            if visible is not None and not visible(request.user, obj):
                raise exceptions.NotFound
            return check(request.user, obj)

    PolicyPermission.__name__ = f"Policy_{getattr(check, '__name__', 'check')}"
    return PolicyPermission


def user_policy_permission(check: Callable[[Any], bool]) -> type[BasePermission]:
    """A permission class asking the policy about the user alone (e.g. may create an
    assessment); anonymous users are told to authenticate (401)."""

    class UserPolicyPermission(BasePermission):
        message = "You do not have permission to do that."

        def has_permission(self, request, view) -> bool:
            return bool(request.user and request.user.is_authenticated) and check(request.user)

    UserPolicyPermission.__name__ = f"UserPolicy_{getattr(check, '__name__', 'check')}"
    return UserPolicyPermission


def require_policy(view, request, obj, check: PolicyCheck, *, visible=can_view_assessment):
    """Run `policy_permission(check, visible=visible)` against `obj` for this request."""
    permission = policy_permission(check, visible=visible)()
    if not permission.has_object_permission(request, view, obj):
        view.permission_denied(request, message=permission.message)
