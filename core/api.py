"""What every REST API view shares: authentication, the policy permission, pagination, the
error handler and the schema's documented error responses.

API views stay thin (../shared/STYLE.md): an input serializer parses the request, a service
or selector does the work, an output serializer renders it. Who may see or do what is asked of
`core.policy` through `PolicyPermission`; no API view checks a role.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.views import exception_handler as drf_exception_handler

from core import policy

# ---- views ---------------------------------------------------------------------------------


class ApiMixin:
    """Token first so an anonymous request is told how to authenticate (401 with
    WWW-Authenticate: Token); the browser's session works too (with CSRF on writes)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        # DRF authenticates tokens itself and answers 401/403; the sign-in redirect of
        # LoginRequiredMiddleware (which sees only the session) must not apply to the API.
        view.login_required = False
        return view


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ApiView(ApiMixin, generics.GenericAPIView):
    """Base of every API view: every list is paginated."""

    pagination_class = Pagination


class PublicApiView(ApiView):
    """Readable without signing in, like the public web pages; the policy still scopes rows."""

    permission_classes = [AllowAny]


class ListApi(ApiMixin, generics.ListAPIView):
    """A paginated, filterable list: subclasses name a selector in `get_queryset`, a
    FilterSet and the output serializer."""

    pagination_class = Pagination


class PublicListApi(ListApi):
    permission_classes = [AllowAny]


class PublicRetrieveApi(ApiMixin, generics.RetrieveAPIView):
    permission_classes = [AllowAny]


# ---- the policy, as a DRF permission ---------------------------------------------------------

PolicyCheck = Callable[[Any, Any], bool]


def policy_permission(
    check: PolicyCheck, *, visible: PolicyCheck | None = policy.can_view_assessment
) -> type[BasePermission]:
    """A permission class asking `core.policy` about an object (usually the assessment).

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
    """A permission class asking `core.policy` about the user alone (e.g. may create an
    assessment); anonymous users are told to authenticate (401)."""

    class UserPolicyPermission(BasePermission):
        message = "You do not have permission to do that."

        def has_permission(self, request, view) -> bool:
            return bool(request.user and request.user.is_authenticated) and check(request.user)

    UserPolicyPermission.__name__ = f"UserPolicy_{getattr(check, '__name__', 'check')}"
    return UserPolicyPermission


def require_policy(view, request, obj, check: PolicyCheck, *, visible=policy.can_view_assessment):
    """Run `policy_permission(check, visible=visible)` against `obj` for this request."""
    permission = policy_permission(check, visible=visible)()
    if not permission.has_object_permission(request, view, obj):
        view.permission_denied(request, message=permission.message)


# ---- input fields ------------------------------------------------------------------------
# PostgreSQL refuses NUL characters in text; DRF's CharField rejects them, but these fields
# would pass them to a query or a column, so they are refused as field errors first.

NUL_MESSAGE = "Null characters are not allowed."


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's SlugRelatedField, refusing NUL characters before the lookup."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            raise serializers.ValidationError(NUL_MESSAGE)
        return super().to_internal_value(data)


class FileField(serializers.FileField):
    """DRF's FileField, refusing a file name with NUL characters (it is stored as text)."""

    def to_internal_value(self, data):
        if "\x00" in (getattr(data, "name", "") or ""):
            raise serializers.ValidationError(NUL_MESSAGE)
        return super().to_internal_value(data)


class _UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            # PostgreSQL takes offsets up to +/-15:59 only; ISO 8601 allows more.
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise DjangoValidationError("Enter a date and time in range.") from None


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time filter whose value reaches the database in UTC."""

    field_class = _UtcIsoDateTimeField


# ---- errors --------------------------------------------------------------------------------


def _domain_errors() -> tuple[type[Exception], ...]:
    """Exceptions services raise to refuse a change, with a message fit for the user."""
    from assessments.services import AssessmentError

    return (
        AssessmentError,
        *_optional("evidence.services", "EvidenceError"),
        *_optional("reports.services", "ReportError"),
        *_optional("returns.services", "ReturnsError"),
    )


def _optional(path: str, name: str) -> list[type[Exception]]:
    try:
        module = __import__(path, fromlist=[name])
    except ImportError:
        return []
    return [getattr(module, name)] if hasattr(module, name) else []


def _stale_errors() -> tuple[type[Exception], ...]:
    """Refusals of an update sent with a version someone else has since changed."""
    from assessments.services import StaleVersionError

    return (
        StaleVersionError,
        *_optional("assessments.services", "StaleAssessmentError"),
        *_optional("evidence.services", "StaleEvidenceError"),
        *_optional("returns.services", "StaleAnswerError"),
    )


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


def exception_handler(exc, context):
    """DRF's handler, plus: Django validation errors and refusals a service pins on a field
    -> 400 with field errors; stale versions, other domain refusals and lost races -> 409
    with the service's message."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, _stale_errors()):
        exc = Conflict(str(exc), code="stale_version")
    elif isinstance(exc, _domain_errors()) and getattr(exc, "field", None):
        # A refusal the service pins on one input field: malformed input, as a field error.
        exc = exceptions.ValidationError({exc.field: [str(exc)]})
    elif isinstance(exc, _domain_errors()):
        exc = Conflict(str(exc), code="domain_rule")
    elif isinstance(exc, IntegrityError):
        exc = Conflict(
            "The change conflicted with another change made at the same time. Reload and try "
            "again.",
            code="integrity",
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        code = getattr(response.data["detail"], "code", None)
        if code and isinstance(response.data["detail"], str):
            response.data["code"] = code
    return response
