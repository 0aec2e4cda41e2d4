"""Attachments are accepted by their content (magic bytes) and size, never by their name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from core import filetypes, uploads


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", b"%PDF-1.4\n...", filetypes.PDF.content_type),
        ("a.png", b"\x89PNG\r\n\x1a\n\x00\x00", filetypes.PNG.content_type),
        ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", filetypes.JPEG.content_type),
        ("a.docx", _zip("[Content_Types].xml", "word/document.xml"), filetypes.DOCX.content_type),
        ("a.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml"), filetypes.XLSX.content_type),
        ("a.csv", b"council,rating\nSuffolk,good\n", filetypes.CSV.content_type),
        ("renamed.txt", b"%PDF-1.4\n", filetypes.PDF.content_type),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, expected):
    assert uploads.validate_upload(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.pdf", b"MZ\x90\x00\x03"),  # an executable named .pdf
        ("a.zip", _zip("readme.txt")),
        ("a.docx", _zip("word/document.xml")),  # no content types part
        ("a.csv", b"\x00\x01\x02binary"),
        ("a.html", b"<html><script>alert(1)</script>"),
    ],
)
def test_other_content_is_refused(name, content):
    with pytest.raises(ValidationError, match="must be a PDF"):
        uploads.validate_upload(SimpleUploadedFile(name, content))


def test_empty_and_oversized_files_are_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="is empty"):
        uploads.validate_upload(SimpleUploadedFile("a.pdf", b""))
    with pytest.raises(ValidationError, match="must be smaller than 10 bytes"):
        uploads.validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 0123456789"))


def test_stored_under_a_generated_name_in_private_storage():
    stored = uploads.store_upload(
        SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4 x"), folder="tests"
    )
    assert stored.stored_name.startswith("tests/") and stored.stored_name.endswith(".pdf")
    assert "passwd" not in stored.stored_name
    assert len(stored.sha256) == 64 and stored.size == 10
    assert storages["private"].exists(stored.stored_name)
    uploads.delete_stored(stored.stored_name)


@pytest.mark.parametrize(
    "content", [b"", b"%PDF-1.4 0123456789", b"MZ\x90\x00 executable"], ids=["empty", "big", "exe"]
)
def test_evidence_and_challenge_uploads_are_refused_in_the_same_words(
    content, settings, lead_assessor
):
    """One check: the evidence service refuses with the message of `validate_upload`."""
    from evidence.services import EvidenceError, pending_upload_create

    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as refused:
        uploads.validate_upload(SimpleUploadedFile("plan.pdf", content))
    with pytest.raises(EvidenceError) as evidence_refused:
        pending_upload_create(actor=lead_assessor, upload=SimpleUploadedFile("plan.pdf", content))
    assert str(evidence_refused.value) == refused.value.messages[0]
    assert evidence_refused.value.field == "attachments"
