"""Building a bulk export: the ZIP is streamed (each PDF copied in chunks and checked against
its recorded SHA-256), read back here with zipfile; a PDF that fails its check stores nothing."""

import csv
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from assessments.models import AssessmentStatus
from reports import services, storage
from reports.models import BulkExport, RenderStatus, Report
from reports.sample import build_assessment
from tests.factories import council

# Over two storage chunks, so a PDF is copied in several pieces.
BIG = 2 * storage.CHUNK_SIZE + 12345


# A private storage of its own, so the folders a test inspects hold only its files.
pytestmark = pytest.mark.usefixtures("private_root")


def _published_with_file(name: str, author, size: int) -> Report:
    """A published assessment of council `name` whose ready report is `size` stored bytes.

    The bytes stand in for a rendered PDF (the export never reads inside it), so the test
    need not run WeasyPrint three times.
    """
    assessment = build_assessment(
        council=council(name),
        author=author,
        status=AssessmentStatus.PUBLISHED,
        evidence_per_statement=1,
        paragraphs=1,
    )
    report = services.report_request(actor=author, assessment=assessment, kind="published")
    content = b"%PDF-1.7 " + os.urandom(size - 9)
    storage.put_file(report.stored_name, content)
    Report.objects.filter(pk=report.pk).update(
        status=RenderStatus.READY,
        sha256=hashlib.sha256(content).hexdigest(),
        file_size=len(content),
    )
    report.refresh_from_db()
    return report


@pytest.fixture
def three_published(db, lead_assessor, quiet_queue) -> list[Report]:
    sizes = {"Birmingham": BIG, "Nottingham": 5000, "Suffolk": 100}
    return [_published_with_file(name, lead_assessor, size) for name, size in sizes.items()]


def _read_back(export: BulkExport) -> zipfile.ZipFile:
    with storage.open_file(export.stored_name) as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_the_streamed_zip_holds_every_pdf_byte_for_byte_and_a_matching_manifest(
    three_published, admin_user
):
    export = services.bulk_export_request(actor=admin_user)
    services.bulk_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == RenderStatus.READY and (export.total, export.done) == (3, 3)
    stored = Path(storage.private_storage().path(export.stored_name))
    assert export.file_size == stored.stat().st_size

    archive = _read_back(export)
    assert archive.testzip() is None  # every entry's CRC checks out
    files = [services.export_file_name(report) for report in three_published]
    assert archive.namelist() == [*files, "manifest.csv"]
    for report, name in zip(three_published, files, strict=True):
        info = archive.getinfo(name)
        assert info.compress_type == zipfile.ZIP_STORED  # PDFs are compressed already
        assert info.file_size == report.file_size
        assert hashlib.sha256(archive.read(name)).hexdigest() == report.sha256
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assert list(rows[0]) == services.MANIFEST_HEADER
    assert [(r["council"], r["file"], r["sha256"], r["status"]) for r in rows] == [
        (report.assessment.council.name, name, report.sha256, "included")
        for report, name in zip(three_published, files, strict=True)
    ]

    # Run again (a duplicated delivery): the ready export and its file are left alone.
    before = _read_back(export).read("manifest.csv")
    services.bulk_export_build(export_id=export.pk)
    assert _read_back(export).read("manifest.csv") == before


def test_a_pdf_that_no_longer_matches_its_sha256_fails_the_export_and_stores_nothing(
    three_published, admin_user
):
    altered = three_published[1]  # the middle one: a PDF is already in the ZIP by then
    with storage.open_file(altered.stored_name) as handle:
        content = bytearray(handle.read())
    content[-1] ^= 0xFF  # one byte changed, same size
    storage.put_file(altered.stored_name, bytes(content))
    export = services.bulk_export_request(actor=admin_user)

    with pytest.raises(services.ReportError) as refused:
        services.bulk_export_build(export_id=export.pk)

    assert str(refused.value) == (
        "The stored PDF of Nottingham (version 1) does not match its recorded SHA-256."
    )
    assert not storage.file_exists(export.stored_name)
    folder = Path(storage.private_storage().path(export.stored_name)).parent
    assert not folder.exists() or list(folder.iterdir()) == []  # no half-written file either
    export.refresh_from_db()
    assert export.status == RenderStatus.RENDERING and export.file_size in (None, 0)
    services.bulk_export_mark_failed(export_id=export.pk, error=str(refused.value))
    export.refresh_from_db()
    assert export.status == RenderStatus.FAILED and "SHA-256" in export.error
