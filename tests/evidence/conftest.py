"""Evidence test helpers: sample files of each allowed type and a private storage per test."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import EvidenceCategory, QualityStatement

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32
CSV_BYTES = b"council,waiting\nSuffolk,120\n"


def office_bytes(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{folder}/document.xml", "<doc/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def private_root(tmp_path, settings):
    """Each test writes attachments to its own folder (Django resets `storages` on change)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def statement1(assessment):
    return QualityStatement.objects.get(framework=assessment.framework, number=1)


@pytest.fixture
def statement7(assessment):
    return QualityStatement.objects.get(framework=assessment.framework, number=7)


@pytest.fixture
def peoples_experience(assessment):
    return EvidenceCategory.objects.get(framework=assessment.framework, code="peoples-experience")


@pytest.fixture
def processes(assessment):
    return EvidenceCategory.objects.get(framework=assessment.framework, code="processes")


@pytest.fixture
def observation(assessment):
    return EvidenceCategory.objects.get(framework=assessment.framework, code="observation")
