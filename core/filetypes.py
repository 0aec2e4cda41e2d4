"""Recognising an uploaded file's type from its content, and making its name harmless.

Pure functions (no Django): the type is decided by the bytes, never by the uploaded name or the
browser's content type, so a renamed executable is refused.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extension: str


PDF = FileKind("PDF", "application/pdf", ".pdf")
PNG = FileKind("PNG", "image/png", ".png")
JPEG = FileKind("JPEG", "image/jpeg", ".jpg")
DOCX = FileKind(
    "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
XLSX = FileKind(
    "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
)
CSV = FileKind("CSV", "text/csv", ".csv")

KIND_BY_CONTENT_TYPE = {kind.content_type: kind for kind in (PDF, PNG, JPEG, DOCX, XLSX, CSV)}
ALLOWED_LABELS = "PDF, DOCX, XLSX, CSV, PNG or JPEG"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# CSV files are read whole to check them; beyond this they are refused rather than parsed.
CSV_MAX_CHECK_BYTES = 64 * 1024 * 1024


def detect_kind(stream: BinaryIO) -> FileKind | None:
    """The allowed kind the content is, or None. Leaves the stream at its start."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(PNG_SIGNATURE):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office_kind(stream)
        return CSV if _is_csv(stream) else None
    finally:
        stream.seek(0)


def _office_kind(stream: BinaryIO) -> FileKind | None:
    """DOCX and XLSX are ZIP packages with a content-types part and their own folder."""
    try:
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def _is_csv(stream: BinaryIO) -> bool:
    data = stream.read(CSV_MAX_CHECK_BYTES + 1)
    if not data or len(data) > CSV_MAX_CHECK_BYTES or b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    first_line = text.lstrip().split("\n", 1)[0]
    # A table has columns: plain prose, HTML or a script has no delimiter on its first line.
    if not any(delimiter in first_line for delimiter in (",", ";", "\t")):
        return False
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return False
    return any(any(cell.strip() for cell in row) for row in rows)


_UNSAFE = re.compile(r"[^\w.\- ()]+")


def safe_display_name(name: str, fallback: str = "attachment") -> str:
    """A harmless display name: no folders, no control characters, at most 150 characters.

    Only ever shown and offered as the download name; files are stored under generated names.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" .")
    name = re.sub(r"_+", "_", name)
    if not name or set(name) <= {"_", "."}:
        name = fallback
    if len(name) > 150:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:150]
    return name
