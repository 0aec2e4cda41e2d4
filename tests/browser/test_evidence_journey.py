"""Evidence in a real browser: the overview, a statement's list, adding evidence with a file
kept across a form error, and the item's page; every page is checked with axe-core."""

import pytest

from tests.browser.conftest import (
    check_accessibility,
    check_error_summary,
    click_through,
    fill_date,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_assessor_records_evidence_with_a_file(page, tmp_path):
    sign_in(page, "lead.assessor")
    page.goto("/councils/E08000025/")  # Birmingham: a formal assessment in scoring
    check_accessibility(page, "evidence-council-page")
    click_through(page.get_by_role("link", name="Formal assessment"))
    check_accessibility(page, "evidence-assessment")
    click_through(page.get_by_role("link", name="Evidence overview on its own page"))
    assert "Evidence by quality statement" in page.locator("h1").inner_text()
    check_accessibility(page, "evidence-overview")

    click_through(page.get_by_role("link", name="7. Safeguarding"))
    check_accessibility(page, "statement-evidence-all")
    assert page.locator("tbody tr").count() >= 5
    page.get_by_label("Route").select_option("collected")
    click_through(page.get_by_role("button", name="Apply filters"))
    assert all("Collected" in row for row in page.locator("tbody tr").all_inner_texts())
    check_accessibility(page, "statement-evidence")

    click_through(page.get_by_role("button", name="Add evidence"))
    with page.expect_response(lambda r: "/evidence/categories/" in r.url):
        page.get_by_label("6. Safe systems, pathways and transitions").check()
    page.get_by_label("Evidence category").select_option(label="Processes")
    page.get_by_label("Requested from the council").check()
    page.get_by_label("Source").select_option("policy_document")
    page.get_by_label("What the evidence shows").fill("The safeguarding policy was reviewed.")
    page.get_by_label("Points to a strength").check()
    fill_date(page, "Date of the evidence", "3/3/2023")
    upload = tmp_path / "safeguarding policy.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("Attach files").set_input_files(str(upload))
    click_through(page.get_by_role("button", name="Save evidence"))

    check_error_summary(page, "evidence-form-error", "Enter a title")
    assert "safeguarding policy.pdf" in page.locator("main").inner_text()
    assert page.get_by_label("What the evidence shows").input_value().startswith("The safeg")

    page.get_by_label("Title").fill("Safeguarding adults policy 2023")
    click_through(page.get_by_role("button", name="Save evidence"))
    main = page.locator("main").inner_text()
    assert "Evidence “Safeguarding adults policy 2023” recorded." in main
    assert "safeguarding policy.pdf" in main and "Change history" in main
    check_accessibility(page, "evidence-detail")
    screenshot(page, "evidence-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download safeguarding policy.pdf").click()
    assert download.value.suggested_filename == "safeguarding policy.pdf"
