"""Validating and storing uploaded attachments (shared by evidence and challenges).

A file is accepted only when its content (magic bytes), not its name, shows an allowed type,
and it is within `settings.ATTACHMENT_MAX_BYTES`. Accepted files are stored in the private
storage under a generated name; the uploaded name is kept only for display.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat

from core import filetypes

ALLOWED_DESCRIPTION = filetypes.ALLOWED_LABELS


@dataclass(frozen=True)
class StoredUpload:
    original_name: str
    stored_name: str
    content_type: str
    size: int
    sha256: str


def detect_content_type(uploaded) -> str | None:
    """The allowed type the file's content shows (never its name), or None."""
    kind = filetypes.detect_kind(uploaded)
    return kind.content_type if kind else None


def size_limit_text(limit: int | None = None) -> str:
    """The upload limit (`settings.ATTACHMENT_MAX_BYTES` unless given) as people write it."""
    limit = settings.ATTACHMENT_MAX_BYTES if limit is None else limit
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"


def validate_upload(uploaded) -> str:
    """Return the file's content type; raise ValidationError (a message for the user, in the
    GOV.UK file upload pattern's words) when it is empty, too large or not an allowed type.

    The one upload check: evidence and challenge attachments both use it (via `store_upload`).
    """
    name = filetypes.safe_display_name(uploaded.name or "", fallback="The selected file")
    if not uploaded.size:
        raise ValidationError(f"{name} is empty")
    if uploaded.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"{name} must be smaller than {size_limit_text()} "
            f"(it is {filesizeformat(uploaded.size)})"
        )
    content_type = detect_content_type(uploaded)
    if content_type is None:
        raise ValidationError(f"{name} must be a {ALLOWED_DESCRIPTION} file")
    return content_type


def store_upload(uploaded, *, folder: str) -> StoredUpload:
    """Validate and save `uploaded` in the private storage under a generated name.

    Raises ValidationError as `validate_upload`. The caller records the returned details on
    its model row, inside its transaction (and deletes the file if that fails).
    """
    content_type = validate_upload(uploaded)
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    extension = filetypes.KIND_BY_CONTENT_TYPE[content_type].extension
    stored_name = f"{folder}/{uuid.uuid4().hex}{extension}"
    stored_name = storages["private"].save(stored_name, uploaded)
    return StoredUpload(
        original_name=filetypes.safe_display_name(uploaded.name or "", fallback="attachment"),
        stored_name=stored_name,
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
    )


def delete_stored(stored_name: str) -> None:
    storages["private"].delete(stored_name)


# ---- files kept across a form's re-shows ------------------------------------------------
# A form with a file input that fails for another field (a bad link, a missing reason) keeps
# each acceptable file it carried as a PendingUpload keyed to (user, the form's idempotency
# key): the re-shown form says "You chose <name> – it will be kept", the person may tick it
# away, and the next post of the same form adopts it (the row goes, the stored file becomes
# the owner's). Abandoned ones are purged with old idempotency keys (core.idempotency).


def pending_keep(*, user, key: str | None, files) -> list[str]:
    """Keep each acceptable file of a failed post (validated and stored as `store_upload`
    does) under the form's key; return the messages of files refused (not kept)."""
    from django.db import transaction

    from core.models import PendingUpload

    refused: list[str] = []
    if not key:
        return refused
    for uploaded in files:
        if isinstance(uploaded, PendingUpload):
            continue  # kept already
        try:
            stored = store_upload(uploaded, folder="pending")
        except ValidationError as exc:
            refused.append(exc.messages[0])
            continue
        try:
            with transaction.atomic():
                PendingUpload.objects.create(key=key, uploaded_by=user, **asdict(stored))
        except Exception:
            delete_stored(stored.stored_name)
            raise
    return refused


def pending_for(*, user, key: str | None) -> list:
    """The files kept for this user's form `key`, oldest first (none without a key)."""
    from core.models import PendingUpload

    if not key or not (user and user.is_authenticated):
        return []
    return list(PendingUpload.objects.filter(uploaded_by=user, key=key).order_by("pk"))


def pending_discard(*, user, key: str | None, ids) -> int:
    """Drop kept files the person removed (only their own, of this form); the stored files
    are deleted after commit. Returns how many."""
    from django.db import transaction

    from core.models import PendingUpload

    wanted = [int(i) for i in ids if str(i).isdigit()]
    if not key or not wanted:
        return 0
    rows = list(PendingUpload.objects.filter(uploaded_by=user, key=key, pk__in=wanted))
    PendingUpload.objects.filter(pk__in=[row.pk for row in rows]).delete()
    for row in rows:
        transaction.on_commit(lambda name=row.stored_name: delete_stored(name))
    return len(rows)


def pending_adopt(pending) -> StoredUpload:
    """Hand a kept file to its new owner row: its pending row is deleted in the caller's
    transaction (a rollback keeps it pending) and its stored details returned. Raises
    ValidationError when another post of the form adopted it first."""
    from core.models import PendingUpload

    deleted, _ = PendingUpload.objects.filter(pk=pending.pk).delete()
    if not deleted:
        raise ValidationError(f"{pending.original_name} was already saved by another post.")
    return StoredUpload(
        original_name=pending.original_name,
        stored_name=pending.stored_name,
        content_type=pending.content_type,
        size=pending.size,
        sha256=pending.sha256,
    )


def pending_purge(*, before) -> int:
    """Delete files kept before `before` that no post adopted, and their stored files."""
    from core.models import PendingUpload

    stale = list(PendingUpload.objects.filter(uploaded_at__lt=before))
    PendingUpload.objects.filter(pk__in=[row.pk for row in stale]).delete()
    for row in stale:
        delete_stored(row.stored_name)
    return len(stale)


def kept_files(request, form) -> list:
    """The files kept for this post's form, less any the person ticked to remove (nothing is
    deleted here: `post_files` does that once the form is valid)."""
    from core import idempotency

    removed = set(request.POST.getlist("remove_kept"))
    kept = pending_for(user=request.user, key=idempotency.form_key(form))
    return [pending for pending in kept if str(pending.pk) not in removed]


def post_files(request, form, field: str = "files") -> list:
    """The files a valid post of `form` carries: those kept from an earlier failed post of
    the same form (less any the person ticked to remove, `remove_kept`) and the ones chosen
    now. Pass them to the service, which adopts the kept ones (`pending_adopt`)."""
    from core import idempotency

    key = idempotency.form_key(form)
    pending_discard(user=request.user, key=key, ids=request.POST.getlist("remove_kept"))
    chosen = form.cleaned_data[field]  # called once the form is valid
    return [*pending_for(user=request.user, key=key), *chosen]


def keep_post_files(request, form, field: str = "files", *, add: bool = True) -> list:
    """After a failed post of `form`: keep each acceptable file chosen now so it need not be
    chosen again (a refused one gets its message on the field); return every kept file, for
    `includes/kept_files.html`. With add=False (the row changed meanwhile, e.g. a double
    click saved it already) nothing new is kept: the person checks what is there first."""
    from core import idempotency

    key = idempotency.form_key(form)
    pending_discard(user=request.user, key=key, ids=request.POST.getlist("remove_kept"))
    files = request.FILES.getlist(field) if add else []
    refused = pending_keep(user=request.user, key=key, files=files)
    shown = set(form.errors[field]) if field in form.errors else set()
    for message in refused:
        if message not in shown:
            form.add_error(field, message)
    return pending_for(user=request.user, key=key)
