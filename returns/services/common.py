"""What the portal's services share: the domain error, links, files and notifications."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from core import errors, uploads
from core.models import PendingUpload
from returns.models import Notification, ReturnFile

# A link is shown as text and never fetched; only web addresses are accepted.
LINK_SCHEMES = ["http", "https"]
LINK_ERROR = (
    "Enter a link that starts with http:// or https://, like https://www.example.gov.uk/policy"
)
# The longest narrative a council may type in one answer or self-assessment section.
TEXT_MAX_CHARS = 20_000


class ReturnsError(errors.DomainError):
    """A domain rule refused the change; the message is fit to show to the user (`field`, when
    given, names the input it concerns)."""


class StaleAnswerError(ReturnsError, errors.StaleVersionError):
    """The row changed since the user opened it; nothing was saved (the API answers 409)."""

    def __init__(self):
        super().__init__(
            "Someone else changed this since you opened it. Your changes have not been "
            "saved: check what is there now and try again."
        )


def clean_link(link: str, *, field: str = "link") -> str:
    """A validated http(s) address, or "" when none was given. Never fetched."""
    link = (link or "").strip()
    if not link:
        return ""
    try:
        URLValidator(schemes=LINK_SCHEMES, message=LINK_ERROR)(link)
    except ValidationError:
        raise ReturnsError(LINK_ERROR, field=field) from None
    if len(link) > 500:
        raise ReturnsError("The link must be 500 characters or fewer", field=field)
    return link


def clean_text(text: str, *, field: str = "text", label: str = "The text") -> str:
    text = (text or "").strip()
    if len(text) > TEXT_MAX_CHARS:
        raise ReturnsError(
            f"{label} must be {TEXT_MAX_CHARS:,} characters or fewer (it has {len(text):,})",
            field=field,
        )
    return text


# The files stored inside the innermost `atomic_with_files` block, to delete if it fails.
_stored_in_block: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "returns_stored_files", default=None
)


def store_files(*, actor, files: Iterable, **owner) -> list[ReturnFile]:
    """Check and store uploaded files as for evidence attachments (content type from the
    bytes, size limit, SHA-256, private storage under a generated name); `owner` is
    answer= or response=. Call inside `atomic_with_files`, which deletes the stored files
    again if its transaction fails (no orphan files in the private storage). A file kept
    from a failed post of the form (a `core.models.PendingUpload`) is adopted, not stored
    again; a rollback leaves it kept."""
    rows = []
    for upload in files:
        try:
            if isinstance(upload, PendingUpload):
                stored = uploads.pending_adopt(upload)
            else:
                stored = uploads.store_upload(upload, folder="returns")
                pending = _stored_in_block.get()
                if pending is not None:
                    pending.append(stored.stored_name)
        except ValidationError as exc:
            raise ReturnsError(exc.messages[0], field="files") from None
        rows.append(
            ReturnFile.objects.create(
                original_name=stored.original_name,
                stored_name=stored.stored_name,
                content_type=stored.content_type,
                size=stored.size,
                sha256=stored.sha256,
                uploaded_by=actor,
                **owner,
            )
        )
    return rows


def atomic_with_files(function: Callable):
    """Like transaction.atomic, but the files `store_files` saved inside are deleted when the
    block fails (its rows were rolled back with it, so nothing refers to the files)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        stored: list[str] = []
        token = _stored_in_block.set(stored)
        try:
            with transaction.atomic():
                return function(*args, **kwargs)
        except BaseException:
            for name in stored:
                uploads.delete_stored(name)
            raise
        finally:
            _stored_in_block.reset(token)

    return wrapper


def notify(users: Iterable, *, kind: str, message: str, url: str) -> int:
    """In-app notifications for `users` (one each), inside the caller's transaction."""
    rows = [
        Notification(user=user, kind=kind, message=message[:300], url=url)
        for user in {user.pk: user for user in users}.values()
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (once: an already-read one keeps its first read time)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of `user` read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
