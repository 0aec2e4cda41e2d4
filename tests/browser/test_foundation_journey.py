"""A visitor and each role move around the service in a real browser; every page is checked
with axe-core."""

import pytest

from tests.browser.conftest import (
    check_accessibility,
    check_error_summary,
    click_through,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_visitor_finds_a_council_and_signs_in_with_a_wrong_password(page):
    page.goto("/")
    check_accessibility(page, "home")
    click_through(page.get_by_role("link", name="Councils").first)
    check_accessibility(page, "council-list")
    page.get_by_label("Name or GSS code").fill("Suffolk")
    click_through(page.get_by_role("button", name="Apply filters"))
    check_accessibility(page, "council-list-filtered")
    click_through(page.get_by_role("link", name="Suffolk"))
    check_accessibility(page, "council-page")
    screenshot(page, "foundation-council-page")

    page.goto("/sign-in/")
    check_accessibility(page, "sign-in")
    page.get_by_label("Username").fill("assessor")
    page.get_by_label("Password").fill("wrong")
    click_through(page.get_by_role("button", name="Sign in"))
    check_error_summary(page, "foundation-sign-in-error", "Enter a correct username and password")
    assert page.get_by_label("Username").input_value() == "assessor"
    assert page.get_by_label("Password").input_value() == ""  # never sent back


def test_each_role_sees_its_own_navigation(page):
    sign_in(page, "assessor")
    nav = page.locator(".govuk-service-navigation__list").inner_text()
    assert "Assessments" in nav and "Admin" not in nav
    check_accessibility(page, "home-assessor")
    click_through(page.get_by_role("button", name="Sign out"))
    sign_in(page, "admin")
    assert "Admin" in page.locator(".govuk-service-navigation__list").inner_text()
    screenshot(page, "foundation-admin-home")
