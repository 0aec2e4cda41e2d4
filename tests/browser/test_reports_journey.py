"""Reports in a real browser with a real worker: a draft requested from the assessment page
renders while the panel polls (htmx), then downloads; an admin builds a bulk export."""

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import check_accessibility, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_lead_assessor_produces_and_downloads_a_draft_report(page):
    sign_in(page, "lead.assessor")
    page.goto("/councils/E08000025/")  # Birmingham: a formal assessment in scoring
    page.get_by_role("link", name="Formal assessment").click()
    panel = page.locator("#reports")
    panel.get_by_role("button", name="Produce a draft report").click()
    page.locator("#reports").get_by_text("Draft, version 1").wait_for()
    # The panel polls itself until the worker has rendered the PDF: no reload here.
    link = page.locator("#reports").get_by_role("link", name="Download PDF")
    link.wait_for(timeout=120_000)
    check_accessibility(page, "assessment-report-panel")
    screenshot(page, "report-panel-ready")
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    assert content.startswith(b"%PDF")
    assert "Birmingham" in text and "DRAFT" in text


def test_admin_builds_a_bulk_export_and_downloads_the_national_table(page):
    sign_in(page, "admin")
    page.get_by_role("link", name="Exports").first.click()
    assert page.get_by_role("heading", name="Exports").is_visible()
    check_accessibility(page, "exports")
    page.get_by_role("button", name="Start a bulk export").click()
    zip_link = page.locator("#bulk-export-list").get_by_role("link", name="Download ZIP")
    zip_link.wait_for(timeout=120_000)
    screenshot(page, "exports-bulk-ready")
    with page.expect_download() as download:
        zip_link.first.click()
    archive = zipfile.ZipFile(download.value.path())
    manifest = archive.read("manifest.csv").decode()
    assert manifest.startswith("council,gss_code,rating,percentage,publication_date,sha256")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the national ratings table (CSV)").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("Council,GSS code")
