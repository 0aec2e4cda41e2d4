"""Every main page at a phone's width (375 px) and a laptop's (1280 px): no page scrolls
sideways, the national table fits 1280 px, the admin navigation stays on one line with one
current item, and attachment previews made by the real worker show. Screenshots of the
assessment page, a statement page and the national table at both widths are saved as
test-artifacts/screenshots/width-<375|1280>-<page>.png."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_accessibility, screenshot, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}

OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('main *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 3).map(el => el.tagName + '.' + el.className);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def _fits(page, name: str) -> None:
    check_accessibility(page, name)
    width = page.evaluate(OVERFLOW)
    assert width["scroll"] <= width["client"], f"{name} scrolls sideways: {width}"


def _birmingham(page) -> str:
    """The demo's open formal assessment of Birmingham (in scoring, with evidence)."""
    page.goto("/assessments/?q=Birmingham&status=scoring")
    check_accessibility(page, "assessments-birmingham")
    return page.locator("td[data-label=Council] a").first.get_attribute("href")


@pytest.fixture
def admin_page(page):
    sign_in(page, "admin")
    return page


def test_no_main_page_scrolls_sideways_at_375_px(admin_page):
    page = admin_page
    assessment = _birmingham(page)
    page.set_viewport_size(PHONE)
    pages = {
        "home": "/",
        "assessments": "/assessments/",
        "assessment": assessment,
        "statement": f"{assessment}statements/1/score/",
        "statement-evidence": f"{assessment}statements/1/",
        "evidence-overview": f"{assessment}evidence/",
        "national-table": "/assessments/national-ratings/",
        "councils": "/councils/",
        "national-picture": "/national/",
        "pressure": "/national/pressure/",
        "exports": "/reports/exports/",
        "account": "/account/",
        "api-docs": "/api/v1/docs/",
    }
    for name, url in pages.items():
        page.goto(url)
        _fits(page, f"width-375-{name}")
        if name in ("assessment", "statement", "statement-evidence", "national-table"):
            screenshot(page, f"width-375-{name}")


def test_main_pages_at_1280_px_and_the_national_table_fits(admin_page):
    page = admin_page
    assessment = _birmingham(page)
    page.set_viewport_size(LAPTOP)
    for name, url in {
        "assessment": assessment,
        "statement": f"{assessment}statements/1/score/",
        "statement-evidence": f"{assessment}statements/1/",
        "national-table": "/assessments/national-ratings/",
    }.items():
        page.goto(url)
        _fits(page, f"width-1280-{name}")
        screenshot(page, f"width-1280-{name}")
    table = page.locator("main table").first
    sizes = table.evaluate("t => ({table: t.scrollWidth, box: t.parentElement.clientWidth})")
    assert sizes["table"] <= sizes["box"], f"the national table is wider than its box: {sizes}"


def test_the_admin_navigation_is_one_line_with_one_current_item(admin_page):
    page = admin_page
    page.set_viewport_size(LAPTOP)
    page.goto("/national/ratings/")
    check_accessibility(page, "width-1280-nav")
    tops = page.locator(".govuk-service-navigation__item").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    # The admin's six sections and the portal's Notifications item, on one line.
    labels = page.locator(".govuk-service-navigation__item").all_inner_texts()
    assert [label.split()[0] for label in labels][-1] == "Notifications", labels
    assert len(tops) == 7 and len(set(tops)) == 1, f"the navigation wraps: {tops}"
    account = page.get_by_role("navigation", name="Account").inner_text()
    assert "Your account" in account and "Sign out" in account  # in the header instead
    current = page.locator(".govuk-service-navigation__item--active").all_inner_texts()
    assert [text.strip() for text in current] == ["National ratings"]


def test_attachment_previews_made_by_the_worker(admin_page):
    """The demo's attachments were queued for previews when seeded; the session's worker
    makes them: a PDF's first-page thumbnail and a CSV file's text."""
    page = admin_page
    assessment = _birmingham(page)
    page.goto(f"{assessment}statements/8/")
    check_accessibility(page, "preview-statement")
    links = page.locator("main a[href^='/evidence/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    seen = {"thumbnail": False, "text": False}
    for href in links:
        for _ in range(30):  # the worker may still be at it: wait up to about 15 s
            page.goto(href)
            html = page.locator("main").inner_html()
            if "being" not in html:
                break
            page.wait_for_timeout(500)
        check_accessibility(page, "preview-evidence")
        thumbnail = page.locator(".app-attachment__thumbnail img")
        if thumbnail.count():
            thumbnail.first.wait_for()
            assert thumbnail.first.evaluate("img => img.complete && img.naturalWidth > 0")
            seen["thumbnail"] = True
            screenshot(page, "preview-thumbnail")
            _shows_inline_sandboxed(page)
        if page.locator("details.govuk-details").count():
            page.get_by_text("Show the text of").first.click()
            assert page.locator(".app-extracted-text").first.inner_text().strip()
            seen["text"] = True
        if all(seen.values()):
            break
    assert seen == {"thumbnail": True, "text": True}


def _shows_inline_sandboxed(page) -> None:
    """The "View ... in the browser" link: served inline, sandboxed, and Chromium draws it."""
    href = page.get_by_role("link", name="in the browser").first.get_attribute("href")
    answer = page.request.get(href)
    assert answer.status == 200
    assert answer.headers["content-disposition"].startswith("inline")
    assert "sandbox" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    viewer = page.context.new_page()  # a PDF viewer is not a page axe-core can check
    try:
        viewer.goto(href)
        viewer.wait_for_timeout(3000)
        screenshot(viewer, "preview-inline")
    finally:
        viewer.close()
