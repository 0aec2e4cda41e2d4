"""File types are recognised by content, never by name; display names are made harmless."""

import io

import pytest

from core import filetypes
from tests.evidence.conftest import CSV_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, office_bytes


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF_BYTES, filetypes.PDF),
        (PNG_BYTES, filetypes.PNG),
        (JPEG_BYTES, filetypes.JPEG),
        (office_bytes("word"), filetypes.DOCX),
        (office_bytes("xl"), filetypes.XLSX),
        (CSV_BYTES, filetypes.CSV),
        ("name,town\nZoë,Ipswich\n".encode(), filetypes.CSV),
    ],
)
def test_allowed_types_are_recognised_by_content(content, kind):
    stream = io.BytesIO(content)
    assert filetypes.detect_kind(stream) == kind
    assert stream.tell() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00 a Windows executable",
        b"GIF89a\x01\x00",
        office_bytes("ppt"),  # a ZIP, but neither Word nor Excel
        b"PK\x03\x04 truncated zip",
        b"col1,col2\n\x00\x01binary\n",  # NUL bytes: not text
        b"\xff\xfe\x00b\x00a\x00d",  # not UTF-8
        b"",
        b"   \n\n",
    ],
)
def test_other_content_is_refused(content):
    assert filetypes.detect_kind(io.BytesIO(content)) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("/var/private/evidence/x.pdf", "x.pdf"),
        ("report<script>.pdf", "report_script_.pdf"),
        ("line\nbreak\x00.csv", "linebreak.csv"),
        ("..", "attachment"),
        ("", "attachment"),
        ("Case review (March).docx", "Case review (March).docx"),
    ],
)
def test_display_names_lose_folders_and_unsafe_characters(name, expected):
    assert filetypes.safe_display_name(name) == expected


def test_long_display_names_keep_their_extension():
    name = filetypes.safe_display_name("a" * 400 + ".xlsx")
    assert len(name) == 150 and name.endswith(".xlsx")
