"""Reading attachments: their text (for showing now and for searching later) and a first-page
thumbnail. No Django: bytes in, plain values out, so the search work can reuse it as it is.

Maintained libraries do the reading: pypdfium2 (PDF text and page rendering), Pillow
(images), python-docx (Word), openpyxl (Excel) and the csv module.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"

# Shown inline by the browser (sandboxed); the others are shown as their text.
INLINE_TYPES = frozenset({PDF, PNG, JPEG})
THUMBNAIL_TYPES = frozenset({PDF, PNG, JPEG})
TEXT_TYPES = frozenset({PDF, DOCX, XLSX, CSV})

# Enough to read and to index; a bigger file's text is cut here and marked as cut.
MAX_TEXT_CHARS = 200_000
# Spreadsheets: rows read per sheet before stopping (a sheet can hold a million).
MAX_ROWS_PER_SHEET = 5_000
THUMBNAIL_WIDTH = 240
# Pillow refuses images beyond this many pixels (a decompression bomb), before decoding.
MAX_IMAGE_PIXELS = 50_000_000


class ExtractionError(Exception):
    """The file could not be read; the message says why, for the page."""


@dataclass(frozen=True)
class ExtractedText:
    text: str
    truncated: bool


def _limit(text: str) -> ExtractedText:
    text = text.strip()
    if len(text) > MAX_TEXT_CHARS:
        return ExtractedText(text[:MAX_TEXT_CHARS], True)
    return ExtractedText(text, False)


def extract_text(data: bytes, content_type: str) -> ExtractedText:
    """The text of a PDF, DOCX, XLSX or CSV file (cut at MAX_TEXT_CHARS). Raises
    ExtractionError if the file cannot be read or holds no text (a scanned PDF)."""
    readers = {PDF: _pdf_text, DOCX: _docx_text, XLSX: _xlsx_text, CSV: _csv_text}
    reader = readers.get(content_type)
    if reader is None:
        raise ExtractionError("Text is not read from this kind of file.")
    try:
        result = _limit(reader(data))
    except ExtractionError:
        raise
    except Exception as exc:  # a damaged file raises anything from its library
        raise ExtractionError(
            f"The file could not be read ({exc.__class__.__name__}); it may be damaged."
        ) from exc
    if not result.text:
        raise ExtractionError(
            "The file holds no text that can be read (for example a scanned document)."
        )
    return result


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        total = 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append(text)
            total += len(text)
            if total > MAX_TEXT_CHARS:
                break
        return "\n\n".join(pages)
    finally:
        pdf.close()


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    # read_only streams rows; data_only gives the cached values instead of formulas.
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        parts = []
        for sheet in workbook.worksheets:
            parts.append(f"Sheet: {sheet.title}")
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS_PER_SHEET:
                    parts.append(f"(only the first {MAX_ROWS_PER_SHEET} rows are shown)")
                    break
                cells = ["" if value is None else str(value) for value in row]
                if any(cells):
                    parts.append("\t".join(cells).rstrip())
        return "\n".join(parts)
    finally:
        workbook.close()


def _csv_text(data: bytes) -> str:
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    rows = csv.reader(io.StringIO(decoded))
    return "\n".join("\t".join(row) for row in rows)


def make_thumbnail(data: bytes, content_type: str) -> bytes:
    """A PNG of the first page of a PDF, or of an image, THUMBNAIL_WIDTH pixels wide.
    Raises ExtractionError if the file cannot be drawn."""
    if content_type not in THUMBNAIL_TYPES:
        raise ExtractionError("No thumbnail is made for this kind of file.")
    try:
        image = _pdf_first_page(data) if content_type == PDF else _image(data)
        image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    except Exception as exc:
        raise ExtractionError(
            f"No thumbnail could be made ({exc.__class__.__name__}); the file may be damaged."
        ) from exc


def _pdf_first_page(data: bytes):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) == 0:
            raise ExtractionError("The PDF has no pages.")
        page = pdf[0]
        width = page.get_width() or THUMBNAIL_WIDTH
        bitmap = page.render(scale=THUMBNAIL_WIDTH / width)
        image = bitmap.to_pil()
        page.close()
        return image
    finally:
        pdf.close()


def _image(data: bytes):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
