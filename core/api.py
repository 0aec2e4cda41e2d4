"""What every REST API view shares: authentication, the policy permission, pagination, the
error handler and the schema's documented error responses.

API views stay thin (../shared/STYLE.md): an input serializer parses the request, a service
or selector does the work, an output serializer renders it. Who may see or do what is asked of
the policy through `policy.api` (`require_policy`, `user_policy_permission`); no API view
checks a role.
"""

from __future__ import annotations

import datetime

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError, StaleVersionError

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
    elif isinstance(exc, StaleVersionError):
        exc = Conflict(str(exc), code="stale_version")
    elif isinstance(exc, DomainError) and exc.field:
        # A refusal the service pins on one input field: malformed input, as a field error.
        exc = exceptions.ValidationError({exc.field: [str(exc)]})
    elif isinstance(exc, DomainError):
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
