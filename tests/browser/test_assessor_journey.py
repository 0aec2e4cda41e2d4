"""An assessment from opening to its rating, in a real browser: an admin opens it, an
assessor records evidence with a file, scores all nine statements and sees the rating; then
the same work with the keyboard alone. Every page is checked with axe-core.

Each test works on its own council (Cornwall, Kent), which no other journey touches.
"""

import pytest

from assessments import scoring
from tests.browser.conftest import (
    check_accessibility,
    check_error_summary,
    click_through,
    date_group,
    fill_date,
    screenshot,
    sign_in,
)
from tests.browser.keyboard import (
    choose_option,
    choose_radio,
    focused,
    follow,
    has_focus,
    tab_to,
)

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PASSWORD = "demo-pass-2026"


def _banner(page):
    return page.locator(".govuk-notification-banner")


def test_admin_opens_an_assessment_and_an_assessor_records_evidence_and_scores_it(page, tmp_path):
    sign_in(page, "admin")
    click_through(
        page.locator(".govuk-service-navigation").get_by_role(
            "link", name="Assessments", exact=True
        )
    )
    check_accessibility(page, "assessment-list")
    click_through(page.get_by_role("button", name="Open an assessment"))
    check_accessibility(page, "assessment-create")
    page.get_by_label("Council", exact=True).select_option(label="Cornwall")
    page.get_by_label("Formal assessment").check()
    fill_date(page, "Date the council was notified", "1/9/2025")
    fill_date(page, "Site visit date", "3/11/2025")
    page.get_by_label("Lead assessor").select_option(label="Leah Lead")
    page.get_by_label("Sam Assessor").check()
    click_through(page.get_by_role("button", name="Open assessment"))
    assert "Assessment of Cornwall opened." in _banner(page).inner_text()
    check_accessibility(page, "assessment-opened")
    screenshot(page, "assessor-journey-opened")
    click_through(page.get_by_role("button", name="Sign out"))

    sign_in(page, "assessor")
    click_through(page.get_by_role("link", name="Cornwall: Formal assessment"))
    check_accessibility(page, "assessment-planned")
    click_through(page.get_by_role("button", name="Start evidence gathering"))
    check_accessibility(page, "transition-start-evidence")
    click_through(page.get_by_role("button", name="Start evidence gathering"))
    assert "Evidence gathering has started." in _banner(page).inner_text()

    click_through(page.get_by_role("button", name="Add evidence"))
    check_accessibility(page, "evidence-create")
    with page.expect_response(lambda r: "/evidence/categories/" in r.url):
        page.get_by_label("1. Assessing needs").check()
    page.get_by_label("Evidence category").select_option(label="People's experience")
    page.get_by_label("Collected by the assessment team").check()
    page.get_by_label("Source").select_option(label="Case tracking")
    page.get_by_label("Title").fill("Case tracking: six people's assessments")
    page.get_by_label("What the evidence shows").fill(
        "Five of six people were assessed within 28 days and set their own goals."
    )
    page.get_by_label("Points to a strength").check()
    fill_date(page, "Date of the evidence", "12/11/2025")
    upload = tmp_path / "case tracking notes.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("Attach files").set_input_files(str(upload))
    click_through(page.get_by_role("button", name="Save evidence"))
    main = page.locator("main").inner_text()
    assert "Evidence “Case tracking: six people's assessments” recorded." in main
    assert "case tracking notes.pdf" in main
    check_accessibility(page, "evidence-recorded")
    screenshot(page, "assessor-journey-evidence")

    click_through(page.locator(".govuk-breadcrumbs").get_by_role("link", name="Cornwall"))
    click_through(page.get_by_role("button", name="Start scoring and drafting"))
    check_accessibility(page, "transition-start-scoring")
    click_through(page.get_by_role("button", name="Start scoring and drafting"))
    assert "Scoring and drafting has started." in _banner(page).inner_text()

    # A published 2025 result (DESIGN.md): 3,3,4,3,4,4,3,4,4 -> 89%, outstanding.
    for number, score in enumerate([3, 3, 4, 3, 4, 4, 3, 4, 4], start=1):
        click_through(page.get_by_role("link", name=f"Score statement {number}"))
        check_accessibility(page, f"statement-score-{number}")
        page.get_by_label(scoring.descriptor(score)).check()
        page.locator("#what-if").get_by_text(
            f"a score of {score} for statement {number}"
        ).wait_for()
        page.get_by_label("Rationale").fill(
            f"Evidence across the categories for statement {number}."
        )
        if number == 1:
            screenshot(page, "assessor-journey-statement-score")
        click_through(page.get_by_role("button", name="Save score"))
        assert f"Score saved for {number}." in _banner(page).inner_text()

    scores = page.locator("#scores").inner_text()
    assert "Outstanding" in scores and "Score: 89%" in scores
    assert "9 of 9 statements scored" in scores
    # The evidence panel loads on its own once the page is up (htmx): wait for it.
    page.locator("#panel-evidence").get_by_text("1 current evidence item").wait_for()
    screenshot(page, "assessor-journey-rating")


def test_assessor_does_the_whole_journey_with_the_keyboard_only(page, arrange, tmp_path):
    """Tab, Shift+Tab, Enter, Space, arrow keys and typing: no mouse, no clicks. At every
    stop focus must be visible and move in page order (see keyboard.tab_to)."""
    arrange("assessment_at", gss_code="E10000016", status="planned", assessors=["assessor2"])
    # Playwright intercepts the file chooser only once something listens for it, and turning
    # that on takes a moment: listen from the start so the keyboard can open it later.
    page.on("filechooser", lambda chooser: None)
    page.goto("/sign-in/")  # typed into the address bar
    check_accessibility(page, "keyboard-sign-in")
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type("assessor2")
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(PASSWORD)
    follow(page)  # Enter in a text field submits the form
    check_accessibility(page, "keyboard-home")

    tab_to(page, page.get_by_role("link", name="Kent: Formal assessment"))
    follow(page)
    check_accessibility(page, "keyboard-assessment")
    tab_to(page, page.get_by_role("button", name="Start evidence gathering"))
    follow(page, "Space")  # a link styled as a button presses with Space too
    check_accessibility(page, "keyboard-transition")
    tab_to(page, page.get_by_role("button", name="Start evidence gathering"))
    follow(page)
    assert has_focus(_banner(page)), "the success banner takes focus"
    assert "Evidence gathering has started." in _banner(page).inner_text()

    # Evidence with a file, first without a title: the error summary takes the user there.
    tab_to(page, page.get_by_role("button", name="Add evidence"))
    follow(page)
    check_accessibility(page, "keyboard-evidence-form")
    tab_to(page, page.get_by_label("1. Assessing needs"))
    with page.expect_response(lambda r: "/evidence/categories/" in r.url):
        page.keyboard.press("Space")
    page.wait_for_function("document.querySelectorAll('#id_category option').length > 1")
    tab_to(page, page.get_by_label("Evidence category"))
    choose_option(page, "People's experience")
    tab_to(page, page.get_by_label("Held (what CQC already knows)"))
    choose_radio(page, "Collected by the assessment team")
    tab_to(page, page.get_by_label("Source"))
    choose_option(page, "Case tracking")
    tab_to(page, page.get_by_label("What the evidence shows"))
    page.keyboard.type("Four of six people had a review within the year.")
    tab_to(page, page.get_by_label("Points to a strength"))
    choose_radio(page, "Points to a shortfall")
    for box, typed in (("Day", "14"), ("Month", "11"), ("Year", "2025")):
        tab_to(page, date_group(page, "Date of the evidence").get_by_label(box))
        page.keyboard.type(typed)
    upload = tmp_path / "review audit.pdf"
    upload.write_bytes(PDF)
    tab_to(page, page.get_by_label("Attach files"))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(upload))
    tab_to(page, page.get_by_role("button", name="Save evidence"))
    follow(page)
    check_error_summary(page, "keyboard-evidence-error", "Enter a title")  # follows the link
    assert has_focus(page.get_by_label("Title"))
    assert "Drop review audit.pdf" in page.locator("main").inner_text()  # the file is kept
    page.keyboard.type("Review audit")
    tab_to(page, page.get_by_role("button", name="Save evidence"))
    follow(page)
    assert has_focus(_banner(page))
    assert "Evidence “Review audit” recorded." in _banner(page).inner_text()
    assert "review audit.pdf" in page.locator("main").inner_text()
    check_accessibility(page, "keyboard-evidence-detail")
    screenshot(page, "keyboard-journey-evidence")

    # Back up the page (Shift+Tab) to the breadcrumbs and on to scoring.
    tab_to(
        page, page.locator(".govuk-breadcrumbs").get_by_role("link", name="Kent"), backwards=True
    )
    follow(page)
    tab_to(page, page.get_by_role("button", name="Start scoring and drafting"))
    follow(page, "Space")
    check_accessibility(page, "keyboard-transition-scoring")
    tab_to(page, page.get_by_role("button", name="Start scoring and drafting"))
    follow(page)
    assert "Scoring and drafting has started." in _banner(page).inner_text()

    # A published 2025 result (DESIGN.md): 2,2,2,2,2,3,3,3,3 -> 61%, requires improvement.
    for number, score in enumerate([2, 2, 2, 2, 2, 3, 3, 3, 3], start=1):
        tab_to(page, page.get_by_role("link", name=f"Score statement {number}"))
        follow(page)
        check_accessibility(page, f"keyboard-statement-score-{number}")
        tab_to(page, page.locator("#id_score_0"))  # into the radios: focus on the first
        choose_radio(page, scoring.descriptor(score))
        page.locator("#what-if").get_by_text(
            f"a score of {score} for statement {number}"
        ).wait_for()
        tab_to(page, page.get_by_label("Rationale"))
        page.keyboard.type(f"Interviews and case tracking for statement {number}.")
        if number == 9:
            screenshot(page, "keyboard-journey-statement-score")
        tab_to(page, page.get_by_role("button", name="Save score"))
        follow(page)
        assert has_focus(_banner(page)), focused(page)
        assert f"Score saved for {number}." in _banner(page).inner_text()

    scores = page.locator("#scores").inner_text()
    assert "Requires improvement" in scores and "Score: 61%" in scores
    assert "9 of 9 statements scored" in scores
    screenshot(page, "keyboard-journey-rating")
