"""Attachment previews: text extraction and thumbnails (evidence.extraction), the worker's
service that stores them (evidence.previews), and the permission-checked, sandboxed views."""

import hashlib
import io
import uuid

import docx
import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image

from demo.seed.evidence import _tiny_pdf
from evidence import extraction, previews
from evidence.models import Attachment, AttachmentPreview, PreviewStatus
from tests.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Team", "Weeks"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Waiting"
    sheet.append(["team", "people waiting"])
    sheet.append(["North", 120])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def png_bytes(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (29, 112, 184)).save(out, format="PNG")
    return out.getvalue()


# ---- extraction (no database) ---------------------------------------------------------------


def test_text_of_a_word_document_with_its_tables():
    text = extraction.extract_text(docx_bytes("Waiting times by team"), extraction.DOCX).text
    assert text == "Waiting times by team\nTeam\tWeeks"


def test_text_of_a_spreadsheet_sheet_by_sheet():
    text = extraction.extract_text(xlsx_bytes(), extraction.XLSX).text
    assert text == "Sheet: Waiting\nteam\tpeople waiting\nNorth\t120"


def test_text_of_a_csv_file_including_windows_encoding():
    assert extraction.extract_text(b"a,b\n1,2\n", extraction.CSV).text == "a\tb\n1\t2"
    assert extraction.extract_text("caf\xe9,1\n".encode("cp1252"), extraction.CSV).text == (
        "caf\xe9\t1"
    )


def test_text_of_a_pdf():
    text = extraction.extract_text(_tiny_pdf("Safeguarding policy extract"), extraction.PDF).text
    assert "Safeguarding policy extract" in text


def test_a_damaged_file_says_it_cannot_be_read():
    with pytest.raises(extraction.ExtractionError, match="could not be read"):
        extraction.extract_text(b"PK\x03\x04 not really a document", extraction.DOCX)


def test_a_pdf_without_text_says_so():
    blank = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    with pytest.raises(extraction.ExtractionError):
        extraction.extract_text(blank, extraction.PDF)


def test_long_text_is_cut_and_marked(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_TEXT_CHARS", 10)
    result = extraction.extract_text(b"abcdefghijklmnop\n", extraction.CSV)
    assert result == extraction.ExtractedText("abcdefghij", True)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(_tiny_pdf("First page"), extraction.PDF), (png_bytes(), extraction.PNG)],
)
def test_thumbnails_are_small_pngs(data, content_type):
    image = Image.open(io.BytesIO(extraction.make_thumbnail(data, content_type)))
    assert image.format == "PNG" and image.width == extraction.THUMBNAIL_WIDTH


# ---- the worker's service -------------------------------------------------------------------


@pytest.fixture
def item(assessment):
    return EvidenceItemFactory(assessment=assessment)


def attach(item, name: str, data: bytes, content_type: str) -> Attachment:
    stored = storages["private"].save(f"evidence/{uuid.uuid4().hex}-{name}", ContentFile(data))
    return Attachment.objects.create(
        evidence_item=item,
        original_name=name,
        stored_name=stored,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=item.author,
    )


def test_a_pdf_gets_a_thumbnail_next_to_it_and_its_text(item):
    attachment = attach(item, "policy.pdf", _tiny_pdf("Our safeguarding policy"), extraction.PDF)
    preview = previews.attachment_preview_make(attachment_id=attachment.pk)
    assert preview.status == PreviewStatus.READY
    assert preview.thumbnail_name == f"{attachment.stored_name}.thumb.png"
    with storages["private"].open(preview.thumbnail_name, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert "Our safeguarding policy" in preview.text


def test_making_a_preview_twice_keeps_one(item):
    attachment = attach(item, "figures.csv", b"team,weeks\nNorth,6\n", extraction.CSV)
    previews.attachment_preview_make(attachment_id=attachment.pk)
    previews.attachment_preview_make(attachment_id=attachment.pk)
    assert AttachmentPreview.objects.filter(attachment=attachment).count() == 1


def test_an_unreadable_file_gets_a_preview_that_says_why(item):
    attachment = attach(item, "broken.docx", b"PK\x03\x04 broken", extraction.DOCX)
    preview = previews.attachment_preview_make(attachment_id=attachment.pk)
    assert preview.status == PreviewStatus.UNAVAILABLE
    assert "could not be read" in preview.note


def test_saving_evidence_with_files_queues_their_previews_after_commit(
    client, assessment, lead_assessor, django_capture_on_commit_callbacks, monkeypatch
):
    """The upload path asks the worker for previews once the save commits (the worker itself
    runs in the browser journeys, which check the thumbnail and text it made)."""
    from evidence import tasks

    queued = []
    monkeypatch.setattr(tasks.make_attachment_preview, "delay", queued.append)
    item = EvidenceItemFactory(assessment=assessment)
    pending = attach(item, "x.csv", b"a,b\n", extraction.CSV)
    with django_capture_on_commit_callbacks(execute=True):
        previews.previews_request(attachment_ids=[pending.pk])
    assert queued == [pending.pk]


# ---- the views ------------------------------------------------------------------------------


def test_a_pdf_is_shown_inline_sandboxed(client, item, lead_assessor):
    attachment = attach(item, "policy.pdf", _tiny_pdf("Inline"), extraction.PDF)
    client.force_login(lead_assessor)
    response = client.get(reverse("evidence:attachment_inline", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_image_is_shown_inline_sandboxed(client, item, lead_assessor, other_council_lead):
    attachment = attach(item, "photo.png", png_bytes(), extraction.PNG)
    url = reverse("evidence:attachment_inline", args=[attachment.pk])
    client.force_login(lead_assessor)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes()
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 404


def test_a_word_document_is_not_shown_inline(client, item, lead_assessor):
    attachment = attach(item, "notes.docx", docx_bytes("x"), extraction.DOCX)
    client.force_login(lead_assessor)
    response = client.get(reverse("evidence:attachment_inline", args=[attachment.pk]))
    assert response.status_code == 404


def test_the_thumbnail_is_served_through_the_same_permission_check(
    client, item, lead_assessor, other_council_lead
):
    attachment = attach(item, "photo.png", png_bytes(), extraction.PNG)
    url = reverse("evidence:attachment_thumbnail", args=[attachment.pk])
    client.force_login(lead_assessor)
    assert client.get(url).status_code == 404  # not made yet
    previews.attachment_preview_make(attachment_id=attachment.pk)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 404


def test_the_evidence_page_shows_thumbnails_text_and_what_cannot_be_read(
    client, item, lead_assessor
):
    pdf = attach(item, "policy.pdf", _tiny_pdf("Policy"), extraction.PDF)
    sheet = attach(item, "waiting.xlsx", xlsx_bytes(), extraction.XLSX)
    broken = attach(item, "broken.docx", b"PK\x03\x04 broken", extraction.DOCX)
    waiting = attach(item, "later.csv", b"a,b\n", extraction.CSV)
    for attachment in (pdf, sheet, broken):
        previews.attachment_preview_make(attachment_id=attachment.pk)
    client.force_login(lead_assessor)
    html = client.get(reverse("evidence:detail", args=[item.pk])).content.decode()
    assert f'src="{reverse("evidence:attachment_thumbnail", args=[pdf.pk])}"' in html
    assert f'href="{reverse("evidence:attachment_inline", args=[pdf.pk])}"' in html
    assert "Show the text of waiting.xlsx" in html and "North\t120" in html
    assert "The text of this file cannot be shown: The file could not be read" in html
    assert "The text of this file is being read" in html  # later.csv: no preview yet
    assert f'href="{reverse("evidence:attachment", args=[waiting.pk])}" download' in html
