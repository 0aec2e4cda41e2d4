"""Validating and storing uploaded attachments (shared by evidence and challenges).

A file is accepted only when its content (magic bytes), not its name, shows an allowed type,
and it is within `settings.ATTACHMENT_MAX_BYTES`. Accepted files are stored in the private
storage under a generated name; the uploaded name is kept only for display.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", CSV: ".csv", PNG: ".png", JPEG: ".jpg"}
ALLOWED_DESCRIPTION = "PDF, Word (DOCX), Excel (XLSX), CSV, PNG or JPEG"


@dataclass(frozen=True)
class StoredUpload:
    original_name: str
    stored_name: str
    content_type: str
    size: int
    sha256: str


def _office_type(uploaded) -> str | None:
    """DOCX and XLSX are ZIP packages: tell them apart by the part they must contain."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _looks_like_csv(head: bytes) -> bool:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        # The head may end inside a multi-byte character; retry without the last bytes.
        try:
            text = head[:-3].decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
    if "\x00" in text:
        return False
    first_line = text.splitlines()[0] if text.splitlines() else ""
    return bool(first_line) and ("," in first_line or ";" in first_line or "\t" in first_line)


def detect_content_type(uploaded, original_name: str) -> str | None:
    """The allowed type the file's content shows, or None."""
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(uploaded)
    if original_name.lower().endswith(".csv") and _looks_like_csv(head):
        return CSV
    return None


def validate_upload(uploaded) -> str:
    """Return the file's content type; raise ValidationError (a message for the user) when it
    is empty, too large or not an allowed type."""
    name = uploaded.name or "file"
    if uploaded.size == 0:
        raise ValidationError(f"{name} is empty.")
    if uploaded.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"{name} is larger than {filesizeformat(settings.ATTACHMENT_MAX_BYTES)}."
        )
    content_type = detect_content_type(uploaded, name)
    if content_type is None:
        raise ValidationError(f"{name} must be a {ALLOWED_DESCRIPTION} file.")
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
    stored_name = f"{folder}/{uuid.uuid4().hex}{EXTENSIONS[content_type]}"
    stored_name = storages["private"].save(stored_name, uploaded)
    return StoredUpload(
        original_name=(uploaded.name or "file")[-255:],
        stored_name=stored_name,
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
    )


def delete_stored(stored_name: str) -> None:
    storages["private"].delete(stored_name)
