"""The national picture's council returns in a real browser (issue 18): Torbay's council lead
enters its spending plan for the improved Better Care Fund (after a typing mistake the error
summary shows) and a High Impact Changes self-assessment; the national views of both, and of
the winter pressures survey; then, signed out, the public risk rating page, its Atom feed and
its JSON. Every page is checked with axe-core. No other journey touches Torbay."""

import xml.etree.ElementTree as ET

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

TORBAY = "E06000027"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_council_enters_plan_and_self_assessment_and_public_sees_risk(page, arrange):
    arrange("council_lead", username="torbay.lead", gss_code=TORBAY, full_name="Tess Torbay")
    sign_in(page, "torbay.lead")

    # The spending plan for 2018-19 (the demo has 2017-18 plans only).
    page.goto(f"/grants/ibcf-2017/councils/{TORBAY}/2018/")
    check_accessibility(page, "picture-plan-empty")
    assert "Torbay has no plan for this grant in 2018-19" in page.locator("main").inner_text()
    click_through(page.get_by_role("button", name="Enter the plan"))
    check_accessibility(page, "picture-plan-form")
    page.get_by_label("Planned spend on condition 1").fill("4,40O,000")  # a letter O
    page.get_by_label("Planned spend on condition 2").fill("2300000")
    page.get_by_label("Planned spend on condition 3").fill("3300000")
    click_through(page.get_by_role("button", name="Save the plan"))
    check_error_summary(
        page,
        "picture-plan-error",
        "The planned spend on condition 1 must be an amount in pounds",
    )
    assert page.get_by_label("Planned spend on condition 1").input_value() == "4,40O,000"
    page.get_by_label("Planned spend on condition 1").fill("4400000")
    page.get_by_label("Actual spend on condition 2").fill("2250000")
    click_through(page.get_by_role("button", name="Save the plan"))
    check_accessibility(page, "picture-plan-saved")
    main = page.locator("main").inner_text()
    assert "plan for Improved Better Care Fund (2017) in 2018-19 is saved" in main
    assert "44%" in page.locator("#council-split").inner_text()
    assert page.locator("main svg[role=img]").count() == 1
    screenshot(page, "picture-01-spending-plan")

    # The national view of 2017-18 (demo data, labelled).
    page.goto("/grants/ibcf-2017/?year=2017")
    check_accessibility(page, "picture-grant-national")
    assert "synthetic demo data" in page.locator("main").inner_text()
    assert "153 councils with a plan" in page.locator("main").inner_text()
    screenshot(page, "picture-02-grant-national")

    # A High Impact Changes self-assessment.
    page.goto(f"/high-impact-changes/councils/{TORBAY}/")
    check_accessibility(page, "picture-hic-council-before")
    click_through(page.get_by_role("button", name="Record a self-assessment"))
    check_accessibility(page, "picture-hic-form")
    fill_date(page, "Date of the self-assessment", "1/11/2026")
    for number in range(1, 9):
        page.locator(f"#id_level_{number}").select_option("4")
    page.get_by_label("Note on change 7").fill("Choice policy agreed with the hospital trust.")
    click_through(page.get_by_role("button", name="Save the self-assessment"))
    check_accessibility(page, "picture-hic-saved")
    table = page.locator("#council-hic").inner_text()
    assert "Choice policy agreed with the hospital trust." in table
    assert "1 November 2026" in page.locator("main").inner_text()
    screenshot(page, "picture-03-hic-council")
    page.goto(f"/national/councils/{TORBAY}/")
    check_accessibility(page, "picture-council-profile")
    panel = page.locator("#profile-hic").inner_text()
    assert "Focus on choice" in panel
    assert page.locator("#council-domains").count() == 1
    page.goto("/national/")
    check_accessibility(page, "picture-ranking-domains")
    assert page.locator("#domain-positions").count() == 1
    page.goto("/national/outcomes-per-pound/method/")
    check_accessibility(page, "picture-method")
    assert "How domains combine" in page.locator("main").inner_text()
    page.goto("/high-impact-changes/")
    check_accessibility(page, "picture-hic-national")
    first = page.locator("#hic-ranking tbody tr").first.inner_text()
    assert "Focus on choice" in first
    page.goto("/winter-pressures/winter-2017-18/")
    check_accessibility(page, "picture-winter-national")
    assert "councils answered" in page.locator("main").inner_text()
    click_through(page.get_by_role("button", name="Sign out"))
    check_accessibility(page, "picture-signed-out")

    # The public risk rating, signed out.
    page.goto("/risk-rating/")
    check_accessibility(page, "picture-risk-rating-public")
    assert page.url.endswith("/risk-rating/")  # no sign-in page on the way
    main = page.locator("main").inner_text()
    assert "synthetic demo data" in main
    assert "because" in page.locator(f"#council-{TORBAY}").inner_text()
    screenshot(page, "picture-04-risk-rating-public")
    feed = page.request.get("/risk-rating/changes.atom")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.body())  # noqa: S314 - our own feed, in a test
    assert root.tag == f"{ATOM}feed" and root.findall(f"{ATOM}entry")
    ratings = page.request.get("/api/v1/risk-ratings/?page_size=200").json()["results"]
    assert len(ratings) == 153 and {r["level"] for r in ratings} <= {1, 2, 3, 4}
