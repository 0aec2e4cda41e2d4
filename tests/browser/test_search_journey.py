"""Search in a real browser, on the demo data: from the header box, with filters, keyboard
only, through to the item; a council lead finds their own council's work and, of other
councils, only what is published; axe on every page."""

import pytest

from tests.browser.conftest import check_accessibility, click_through, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_assessor_searches_from_the_header_filters_and_opens_the_item(page):
    sign_in(page, "lead.assessor")
    check_accessibility(page, "search-home")
    box = page.get_by_role("searchbox", name="Search evidence, findings and returns")
    box.fill("carers")
    with page.expect_navigation():
        box.press("Enter")  # keyboard only: Enter submits the header's form
    check_accessibility(page, "search-results")
    status = page.get_by_role("status")
    assert "result" in status.inner_text() and "carers" in status.inner_text()
    first_count = int(status.inner_text().split(" of ")[1].split(" ")[0])
    assert page.locator("mark").count() > 0
    screenshot(page, "search-results")

    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Type").select_option(label="Evidence")
    page.get_by_label("Quality statement number").fill("6")
    click_through(page.get_by_role("button", name="Search", exact=True).last)
    check_accessibility(page, "search-filtered")
    filtered = page.get_by_role("status").inner_text()
    assert int(filtered.split(" of ")[1].split(" ")[0]) < first_count
    screenshot(page, "search-filtered")

    click_through(page.locator(".app-search-result h2 a").first)
    check_accessibility(page, "search-opened-item")
    assert "/evidence/" in page.url


def test_a_wrong_date_range_is_explained_and_keeps_what_was_typed(page):
    sign_in(page, "assessor")
    page.goto("/search/?q=waiting&date_from-day=31&date_from-month=3&date_from-year=2025"
              "&date_to-day=1&date_to-month=3&date_to-year=2025")  # fmt: skip
    check_accessibility(page, "search-error")
    summary = page.locator(".govuk-error-summary")
    assert "The end date must be the same as or after the start date" in summary.inner_text()
    assert page.get_by_label("Search for").input_value() == "waiting"


def test_a_council_lead_finds_their_councils_work_and_only_what_others_published(page):
    sign_in(page, "council.lead")
    page.goto("/search/?q=care")
    check_accessibility(page, "search-council-lead")
    hits = page.locator(".app-search-result p.govuk-body-s").all_inner_texts()
    assert any("Suffolk" in text for text in hits), "the Suffolk lead finds Suffolk's own items"
    # Another council's work appears only where it is public: published findings and summaries.
    others = [text for text in hits if "Suffolk" not in text]
    assert all(
        text.startswith(("Finding", "Summary")) and "(Published)" in text for text in others
    ), others
