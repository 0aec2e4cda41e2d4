"""The Word copy of a draft (issue 16): same worker, same data; read back with python-docx."""

import hashlib
import io
from unittest import mock

import pytest
from django.urls import reverse
from docx import Document

from reports import docx, storage, tasks
from reports.services import report_request

pytestmark = pytest.mark.django_db


def test_a_draft_comes_with_a_word_copy_of_the_same_data(
    client, scored_assessment, lead_assessor, council_lead
):
    with mock.patch("reports.tasks.render_report.apply_async"):
        draft = report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    tasks.render_report(draft.pk)  # the worker's task, run here
    draft.refresh_from_db()
    with storage.open_file(docx.docx_name(draft.stored_name)) as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == draft.docx_sha256
    document = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary" in headings and "6. Safe systems, pathways and transitions" in headings
    assert "Draft for the council's factual accuracy check" in text
    assert "Score: 64%" in text  # the same result as the PDF (2,2,2,3,3,2,3,3,3)
    scores = [row.cells[1].text for row in document.tables[0].rows[1:]]
    assert scores == ["2", "2", "2", "3", "3", "2", "3", "3", "3"]
    assert document.core_properties.title.endswith("Draft assessment report (version 1)")
    client.force_login(lead_assessor)
    response = client.get(reverse("reports:download_docx", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == docx.DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].endswith('.docx"')
    client.force_login(council_lead)  # not sent to the council: hidden like the PDF
    assert client.get(reverse("reports:download_docx", args=[draft.pk])).status_code == 403


def test_published_reports_have_no_word_copy(client, published_assessment, lead_assessor):
    with mock.patch("reports.tasks.render_report.apply_async"):
        report = report_request(
            actor=lead_assessor, assessment=published_assessment, kind="published"
        )
    tasks.render_report(report.pk)
    report.refresh_from_db()
    assert report.docx_sha256 == ""
    assert client.get(reverse("reports:download_docx", args=[report.pk])).status_code == 404
