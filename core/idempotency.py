"""Creates that happen once however often the same request arrives.

A page that creates something renders a fresh key in a hidden field (`IdempotencyKeyField`);
an API client may send one in the `Idempotency-Key` header. The view runs the service through
`run_once`, which claims the key in the same transaction as the create: the unique constraint
on (user, scope, key) lets exactly one of two concurrent requests through; the other waits for
the first to commit (PostgreSQL blocks its insert on the unique index; SQLite takes the write
lock at BEGIN) and then answers with the first request's result. If the create fails, the
claim rolls back with it and the same form can be sent again.

Generic: imports no domain app. Scopes name the action and its target, e.g.
"evidence.create:42", so one key cannot return another assessment's object.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.validators import RegexValidator
from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter

from core.models import IdempotencyKey

T = TypeVar("T")

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
KEY_MESSAGE = "An idempotency key is 8 to 64 letters, digits, hyphens or underscores."


def new_key() -> str:
    return uuid.uuid4().hex


class IdempotencyKeyField(forms.CharField):
    """A hidden form field holding a fresh key per rendered form (kept when the form is
    re-shown with errors, so the corrected post still counts as the same submission)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("initial", new_key)
        kwargs.setdefault("validators", [RegexValidator(KEY_PATTERN, KEY_MESSAGE)])
        super().__init__(max_length=64, **kwargs)


API_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "A unique key per intended create (e.g. a UUID), 8 to 64 letters, digits, hyphens or "
        "underscores. Sending the same request again with the same key creates nothing "
        f"more: the answer describes the first result, with the header `{REPLAYED_HEADER}: "
        "true`."
    ),
)


class InvalidKey(ValueError):
    """The key sent is not of the allowed form."""


def key_from_header(request) -> str | None:
    """The request's Idempotency-Key header, or None. Raises InvalidKey when malformed."""
    raw = request.headers.get(HEADER)
    if raw is None or raw == "":
        return None
    if not KEY_PATTERN.match(raw):
        raise InvalidKey(KEY_MESSAGE)
    return raw


def api_key(request) -> str | None:
    """As `key_from_header`, for API views: a malformed key is a 400 naming the header."""
    from rest_framework.exceptions import ValidationError

    try:
        return key_from_header(request)
    except InvalidKey as exc:
        raise ValidationError({HEADER: [str(exc)]}) from exc


def response_headers(created: bool) -> dict[str, str]:
    """Headers of an API answer: a replay says so (the status stays that of the first)."""
    return {} if created else {REPLAYED_HEADER: "true"}


@transaction.atomic
def run_once(
    *,
    user,
    scope: str,
    key: str | None,
    create: Callable[[], T],
    find: Callable[[str], T],
) -> tuple[T, bool]:
    """Run `create()` at most once per (user, scope, key); return (result, created).

    With no key, `create()` simply runs. When the key was claimed before, `find(result_id)`
    returns the earlier result (created is False). `create` runs inside this transaction, so
    its side effects sent on commit (emails, tasks) happen once; an exception from it rolls
    the claim back and propagates.
    """
    if not key:
        return create(), True
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a clash
            claim = IdempotencyKey.objects.create(user=user, scope=scope, key=key)
    except IntegrityError:
        earlier = IdempotencyKey.objects.get(user=user, scope=scope, key=key)
        return find(earlier.result_id), False
    result = create()
    claim.result_id = str(result.pk)
    claim.save(update_fields=["result_id"])
    return result, True


def form_key(form) -> str | None:
    """The idempotency key a bound form carries (valid or not, the rest of the form), or
    None: what a failed post's kept files are keyed to."""
    raw = form.data.get(form.add_prefix("idempotency_key"), "") if form.is_bound else ""
    return raw if raw and KEY_PATTERN.match(raw) else None


def purge_expired(*, now=None, max_age_days: int | None = None) -> dict[str, int]:
    """Delete idempotency keys older than `max_age_days` (IDEMPOTENCY_KEY_MAX_AGE_DAYS, 7
    by default) and the files kept for forms no post came back for in that time. A repeat
    of a post that old creates again, which is what a person meant by then."""
    from django.conf import settings
    from django.utils import timezone

    from core import uploads

    days = settings.IDEMPOTENCY_KEY_MAX_AGE_DAYS if max_age_days is None else max_age_days
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    keys, _ = IdempotencyKey.objects.filter(created_at__lt=before).delete()
    return {"keys": keys, "pending_uploads": uploads.pending_purge(before=before)}
