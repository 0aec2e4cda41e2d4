"""The national picture in a real browser: ranking, method, pressure, a council profile and
waiting-list entry; every page is checked with axe-core."""

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


def test_visitor_compares_councils_and_reads_the_method(page):
    page.goto("/")
    check_accessibility(page, "home")
    click_through(page.get_by_role("link", name="National picture"))
    assert page.get_by_role("heading", name="Outcomes per pound, 2024-25").is_visible()
    assert "synthetic demo data" in page.locator("main").inner_text()
    check_accessibility(page, "national-ranking")
    screenshot(page, "national-ranking")
    page.get_by_label("Region").select_option(label="East of England")
    click_through(page.get_by_role("button", name="Apply filters"))
    assert "Top 10 of the councils shown (national positions)" in page.locator("main").inner_text()
    check_accessibility(page, "national-ranking-filtered")
    click_through(page.get_by_role("link", name="How outcomes per pound is worked out"))
    assert (
        "do not on their own judge a council's effectiveness" in page.locator("main").inner_text()
    )
    check_accessibility(page, "national-method")

    page.goto("/councils/E10000029/")
    check_accessibility(page, "council-page")
    click_through(page.get_by_role("link", name="See Suffolk's profile"))
    assert page.get_by_role("heading", name="Suffolk: council profile").is_visible()
    assert page.locator("svg[role=img]").count() == 3
    check_accessibility(page, "national-council-profile")
    screenshot(page, "national-council-profile")

    page.goto("/national/pressure/")
    assert "per 100,000 adults (threshold" in page.locator("main").inner_text()
    check_accessibility(page, "national-pressure")
    screenshot(page, "national-pressure")


def test_assessor_enters_waiting_list_figures(page):
    sign_in(page, "assessor")
    page.goto("/national/waiting-lists/new/?council=E10000029")
    check_accessibility(page, "national-waiting-list-form")
    fill_date(page, "Date of the figures", "31/2/2025")
    page.get_by_label("People awaiting assessment").fill("lots")
    click_through(page.get_by_role("button", name="Save figures"))
    check_error_summary(page, "national-waiting-list-errors")
    assert page.get_by_label("People awaiting assessment").input_value() == "lots"
    fill_date(page, "Date of the figures", "15/5/2025")
    page.get_by_label("People awaiting assessment").fill("900")
    page.get_by_label("People waiting over six months").fill("120")
    page.get_by_label("People awaiting a service to start").fill("60")
    page.get_by_label("Overdue reviews").fill("400")
    click_through(page.get_by_role("button", name="Save figures"))
    assert (
        "Waiting-list figures for Suffolk on 15 May 2025 saved."
        in page.locator("main").inner_text()
    )
    check_accessibility(page, "national-council-profile-saved")


def test_admin_upload_page_shows_an_error_summary(page, tmp_path):
    sign_in(page, "admin")
    page.goto("/national/upload/spend/")
    check_accessibility(page, "national-upload-spend")
    click_through(page.get_by_role("button", name="Check and upload"))
    check_error_summary(page, "national-upload-errors", "Choose a CSV file")
    bad = tmp_path / "spend.csv"
    bad.write_text(
        "gss_code,year,gross_current_expenditure,population_18_plus\nE99999999,2023,1,1\n"
    )
    page.get_by_label("CSV file").set_input_files(str(bad))
    click_through(page.get_by_role("button", name="Check and upload"))
    assert "Line 2: unknown GSS code" in page.locator("#row-errors").inner_text()
    check_accessibility(page, "national-upload-refused")
