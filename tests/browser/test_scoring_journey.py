"""Scoring in a real browser: the summary, the htmx what-if, a statement's score form and
the national ratings table; every page is checked with axe-core."""

from pathlib import Path

import pytest

from tests.browser.conftest import (
    check_accessibility,
    check_error_summary,
    click_through,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_lead_assessor_previews_and_saves_a_score(page):
    sign_in(page, "lead.assessor")
    page.goto("/councils/E08000025/")  # Birmingham: a formal assessment in scoring
    check_accessibility(page, "scoring-council-page")
    click_through(page.get_by_role("link", name="Formal assessment"))
    scores = page.locator("#scores")
    assert "Score: 72%" in scores.inner_text() and "our own metric" in scores.inner_text()
    check_accessibility(page, "assessment-scores")

    page.get_by_text("What if the scores changed?").click()
    page.get_by_label("9. Learning, improvement and innovation").select_option("4")
    page.locator("#what-if-result").get_by_text("Score: 78%").wait_for()
    screenshot(page, "scoring-what-if")

    click_through(page.get_by_role("link", name="Change statement 1"))
    assert page.get_by_role("heading", name="1. Assessing needs").is_visible()
    page.locator("input[name=score][value='4']").check()
    page.locator("#what-if").get_by_text("a score of 4 for statement 1").wait_for()
    check_accessibility(page, "statement-score")
    page.get_by_label("Rationale").fill("")
    click_through(page.get_by_role("button", name="Save score"))
    check_error_summary(page, "statement-score-error", "Enter the rationale for the score")
    page.get_by_label("Rationale").fill("People described timely, strengths-based assessments.")
    click_through(page.get_by_role("button", name="Save score"))
    assert "Score saved for 1. Assessing needs" in page.locator("main").inner_text()
    screenshot(page, "scoring-saved")


def test_visitor_sorts_filters_and_downloads_the_national_table(page):
    page.goto("/national/ratings/")
    assert "Most councils" in page.locator("main").inner_text()
    assert page.locator("svg[role=img] title").text_content() == "Councils by rating"
    check_accessibility(page, "national-table")
    click_through(page.locator("thead a[href*='sort=percentage']"))
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Score")
    check_accessibility(page, "national-table-sorted")
    page.get_by_label("Rating", exact=True).select_option("requires_improvement")
    click_through(page.get_by_role("button", name="Apply filters"))
    assert "Requires improvement" in page.locator("table").last.inner_text()
    check_accessibility(page, "national-table-filtered")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("council,gss_code,region") and "Requires improvement" in text
    assert "Not yet published" not in text  # filtered to one rating
    screenshot(page, "national-table-filtered")
