"""The Word (DOCX) version of a draft report (issue 16), for councils that comment in Word.

Built by the same worker as the PDF, in the same render, from the same `report_data` (so the
two cannot disagree), with python-docx. Plain structure only: headings, paragraphs and a
scores table, which Word's accessibility checker and screen readers navigate by.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_name(pdf_name: str) -> str:
    """The DOCX's stored name beside the PDF's."""
    return pdf_name.rsplit(".", 1)[0] + ".docx"


def draft_docx(report, data: dict[str, Any]) -> bytes | None:
    """The Word copy of a draft (None for a published report: the PDF is the record)."""
    from reports.models import ReportKind
    from reports.rendering import report_title

    if report.kind != ReportKind.DRAFT:
        return None
    return render_docx(data, title=report_title(data))


def store_docx(report, content: bytes | None) -> str:
    """Store the Word copy beside the PDF (same atomic replace); returns its SHA-256."""
    from reports import storage

    if content is None:
        return ""
    storage.put_file(docx_name(report.stored_name), content)
    return hashlib.sha256(content).hexdigest()


def render_docx(data: dict[str, Any], *, title: str) -> bytes:
    """The report as a .docx file's bytes."""
    from docx import Document  # imported on use: only workers build documents

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "en-GB"
    document.add_heading(title, level=0)
    if data["assessment"]["is_demo"]:
        document.add_paragraph(
            "Demo data: this assessment was made up to show how the service works. It is not "
            "CQC's work and says nothing about the council."
        )
    if data["report"]["is_draft"]:
        document.add_paragraph(
            "Draft for the council's factual accuracy check. Not for publication. Comment on "
            "the section concerned; a factually inaccurate statement needs supporting evidence."
        )
    result = data["result"]
    if result["rating_label"]:
        document.add_paragraph(
            f"Overall rating: {result['rating_label']}. Score: {result['percentage']}%."
        )
    document.add_heading("Summary", level=1)
    for paragraph in (data["summary"] or "No summary written yet.").split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.add_heading("Quality statement scores", level=1)
    rows = [s for theme in data["themes"] for s in theme["statements"]]
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Quality statement"
    table.rows[0].cells[1].text = "Score"
    for statement in rows:
        cells = table.add_row().cells
        cells[0].text = f"{statement['number']}. {statement['name']}"
        cells[1].text = str(statement["score"] or "Not scored")
    for theme in data["themes"]:
        document.add_heading(f"Theme {theme['number']}: {theme['full_name']}", level=1)
        for statement in theme["statements"]:
            document.add_heading(f"{statement['number']}. {statement['name']}", level=2)
            if statement["score"]:
                document.add_paragraph(f"Score: {statement['score']} – {statement['descriptor']}")
            for label, key in (
                ("What people told us", "people_told_us"),
                ("Strengths", "strengths"),
                ("Areas for development", "areas_for_development"),
            ):
                document.add_heading(label, level=3)
                document.add_paragraph(statement[key] or "Not written yet.")
    if data.get("corrections"):
        document.add_heading("Annex: corrections", level=1)
        for row in data["corrections"]:
            document.add_paragraph(
                f"{row['kind']} {row['statement']} {row['field']}: was “{row['old']}”, now "
                f"“{row['new']}”. Reason: {row['reason']}"
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
