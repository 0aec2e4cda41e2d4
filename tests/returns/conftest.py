import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from returns.services import returns as return_services


@pytest.fixture
def issued(assessment, lead_assessor, council_lead):
    """The Suffolk assessment's information return, issued by the lead assessor."""
    return return_services.return_issue(actor=lead_assessor, assessment=assessment)


def pdf(name="policy.pdf", body=b"%PDF-1.4 council policy"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def exe(name="policy.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf", content_type="application/pdf")


__all__ = ["io", "pdf", "exe"]
