"""Every download of a private file carries the same security headers (core.downloads)."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from core.downloads import SANDBOX_CSP, private_file_response
from evidence.models import Attachment
from reports.models import BulkExport, Report
from tests.factories import EvidenceItemFactory

PDF_BYTES = b"%PDF-1.4\n%test\n"
ZIP_BYTES = b"PK\x05\x06" + b"\x00" * 18


def _store(name: str, content: bytes) -> str:
    return storages["private"].save(name, ContentFile(content))


def _attachment_url(assessment, api: bool) -> str:
    item = EvidenceItemFactory(assessment=assessment)
    attachment = Attachment.objects.create(
        evidence_item=item,
        original_name="Plan.pdf",
        stored_name=_store("tests/plan.pdf", PDF_BYTES),
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
        uploaded_by=assessment.lead_assessor,
    )
    if api:
        return reverse("api:evidence-attachment", args=[attachment.pk])
    return reverse("evidence:attachment", args=[attachment.pk])


def _report_url(assessment, api: bool) -> str:
    report = Report.objects.create(
        assessment=assessment,
        kind="draft",
        version=1,
        status="ready",
        sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
        stored_name=_store("tests/report.pdf", PDF_BYTES),
        requested_by=assessment.lead_assessor,
    )
    if api:
        return reverse("api:report-download", args=[report.pk])
    return reverse("reports:download", args=[report.pk])


def _bulk_export_url(assessment, api: bool) -> str:
    export = BulkExport.objects.create(
        requested_by=assessment.lead_assessor,
        status="ready",
        stored_name=_store("tests/export.zip", ZIP_BYTES),
    )
    return reverse("reports:bulk_download", args=[export.pk])


# (URL maker, API or page, who downloads, expected type, expected name)
DOWNLOADS = {
    "evidence attachment page": (_attachment_url, False, "lead", "application/pdf", "Plan.pdf"),
    "evidence attachment API": (_attachment_url, True, "lead", "application/pdf", "Plan.pdf"),
    "report page": (_report_url, False, "lead", "application/pdf", ".pdf"),
    "report API": (_report_url, True, "lead", "application/pdf", ".pdf"),
    "bulk export page": (_bulk_export_url, False, "admin", "application/zip", ".zip"),
}


@pytest.mark.parametrize("case", DOWNLOADS.values(), ids=DOWNLOADS.keys())
def test_every_private_download_sends_the_security_headers(
    case, client, token_client, assessment, lead_assessor, admin_user
):
    make_url, is_api, who, content_type, name_end = case
    user = {"lead": lead_assessor, "admin": admin_user}[who]
    url = make_url(assessment, is_api)
    if is_api:
        response = token_client(user).get(url)
    else:
        client.force_login(user)
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX_CSP
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.rstrip('"').endswith(name_end)
    b"".join(response.streaming_content)


def test_the_offered_name_is_made_harmless_and_inline_is_possible(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(PDF_BYTES)
    with path.open("rb") as handle:
        response = private_file_response(
            handle, filename="../../etc/pass\x07wd.pdf", content_type="application/pdf"
        )
        assert response["Content-Disposition"] == 'attachment; filename="passwd.pdf"'
    with path.open("rb") as handle:
        response = private_file_response(
            handle, filename="plan.pdf", content_type="application/pdf", inline=True
        )
        assert response["Content-Disposition"] == 'inline; filename="plan.pdf"'
        assert response["Content-Security-Policy"] == SANDBOX_CSP
