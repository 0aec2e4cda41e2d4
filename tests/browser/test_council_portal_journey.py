"""The council portal in a real browser: the lead assessor starts evidence gathering, which
issues the information return; a contributor answers items with a file and a link and drafts
the self-assessment (a theme and a statement); the council lead submits; an assessor raises a
document request, the council answers it, the assessor accepts the answer as evidence and
finds it on the statement page, beside the council's self-assessment. The council's part is
driven by the keyboard alone (Tab, Enter, arrows, typing; a file is chosen with Playwright's
file chooser API, as no native file dialog can be driven). Every page is checked with axe-core.

Works on a formal assessment of Rutland, arranged in evidence gathering, with its own
council lead and contributor; no other journey touches Rutland.
"""

import pytest

from tests.browser.conftest import check_accessibility, click_through, screenshot, sign_in
from tests.browser.keyboard import choose_radio, follow, tab_to

pytestmark = pytest.mark.browser

RUTLAND = "E06000017"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
THEME_VIEW = "Safety is a strength: transitions are planned early with partners."
STATEMENT_VIEW = "Safeguarding enquiries start within two working days."


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def _keyboard_sign_in(page, username: str) -> None:
    page.goto("/sign-in/")
    check_accessibility(page, f"portal-sign-in-{username}")
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("demo-pass-2026")
    follow(page, "Enter")
    check_accessibility(page, f"portal-home-{username}")


def _keyboard_sign_out(page) -> None:
    # Backwards: a success banner takes focus in main, after the header's Sign out button.
    tab_to(page, page.get_by_role("button", name="Sign out"), backwards=True)
    follow(page, "Enter")
    check_accessibility(page, "portal-signed-out")


def _go(page, locator, name: str) -> None:
    """Tab to a link or button and press Enter; check the page it leads to."""
    tab_to(page, locator)
    follow(page, "Enter")
    check_accessibility(page, name)


def test_return_issued_answered_submitted_and_a_request_becomes_evidence(page, arrange, tmp_path):
    assessment = arrange("assessment_at", gss_code=RUTLAND, status="planned")
    arrange("council_lead", username="rutland.lead", gss_code=RUTLAND, full_name="Rhys Rutland")
    arrange("council_contributor", username="rutland.contributor", gss_code=RUTLAND,
            full_name="Ruth Contributor")  # fmt: skip

    # The lead assessor starts evidence gathering, which issues the return (default due date).
    sign_in(page, "lead.assessor")
    page.goto(f"/assessments/{assessment}/")
    check_accessibility(page, "portal-assessment-before-issue")
    assert "The information return has not been issued." in page.locator("main").inner_text()
    click_through(page.get_by_role("button", name="Start evidence gathering"))
    check_accessibility(page, "portal-start-evidence")
    click_through(page.get_by_role("button", name="Start evidence gathering"))
    check_accessibility(page, "portal-assessment-evidence-gathering")
    assert "0 of 18 items done" in page.locator("#information-return + p").inner_text()
    screenshot(page, "portal-01-return-issued-on-starting-evidence")
    click_through(page.locator("#information-return + p").get_by_role("link"))
    assert "0 of 18 items" in page.locator("main").inner_text()
    check_accessibility(page, "portal-task-list-team")
    click_through(page.get_by_role("button", name="Sign out"))
    check_accessibility(page, "portal-signed-out-lead")

    # A contributor, with the keyboard only, answers item 1 with a file and item 4 with a link.
    _keyboard_sign_in(page, "rutland.contributor")
    assert "Information return of Rutland" in page.locator("main").inner_text()  # open task
    _go(page, page.get_by_role("link", name="Information return", exact=True), "portal-list")
    _go(page, page.get_by_role("link", name="Rutland"), "portal-task-list-contributor")
    screenshot(page, "portal-02-task-list-contributor")
    _go(page, page.get_by_role("link", name="1. Assessment and eligibility policies"),
        "portal-item-1")  # fmt: skip
    upload = tmp_path / "eligibility policy.pdf"
    upload.write_bytes(PDF)
    files = page.get_by_label("Upload files (optional)")
    tab_to(page, files)
    files.set_input_files(str(upload))
    page.keyboard.press("Tab")  # the link
    page.keyboard.type("www.rutland.example/eligibility")  # no scheme: refused
    page.keyboard.press("Tab")  # the text
    page.keyboard.type("Sections 2 and 3 cover eligibility decisions.")
    tab_to(page, page.get_by_label("Not started"))  # Tab lands on the checked radio
    choose_radio(page, "Ready")
    _go(page, page.get_by_role("button", name="Save"), "portal-item-1-error")
    # The file was fine: it is kept, not to be chosen again.
    assert "You chose eligibility policy.pdf — it will be kept" in page.locator("main").inner_text()
    screenshot(page, "portal-02b-file-kept-after-an-error")
    link = page.get_by_label("Link to a published page (optional)")
    tab_to(page, link)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("https://www.rutland.example/eligibility")
    _go(page, page.get_by_role("button", name="Save"), "portal-task-list-after-item-1")
    assert "“Assessment and eligibility policies” saved." in _banner(page)
    _go(page, page.get_by_role("link", name="4. Prevention, information and advice"),
        "portal-item-4")  # fmt: skip
    tab_to(page, page.get_by_label("Link to a published page (optional)"))
    page.keyboard.type("ftp://rutland.example/advice")  # refused: not a web address
    tab_to(page, page.get_by_label("Not started"))
    choose_radio(page, "Ready")
    _go(page, page.get_by_role("button", name="Save"), "portal-item-4-error")
    assert "starts with http:// or https://" in page.locator(".govuk-error-summary").inner_text()
    screenshot(page, "portal-03-link-refused")
    link = page.get_by_label("Link to a published page (optional)")
    assert link.input_value() == "ftp://rutland.example/advice"  # what was typed is kept
    tab_to(page, link)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("https://www.rutland.example/adult-social-care/advice")
    tab_to(page, page.get_by_label("Ready"))
    choose_radio(page, "Ready")
    _go(page, page.get_by_role("button", name="Save"), "portal-task-list-after-item-4")
    assert "2 of 18 items" in page.locator("main").inner_text()

    # ...and drafts the self-assessment of the theme and of statement 7, keyboard only.
    _go(page, page.get_by_role("link", name="Self-assessment by theme"), "portal-self-assessment")
    _go(page, page.get_by_role("link", name="Write about ensuring safety within the system"),
        "portal-self-assessment-theme-3")  # fmt: skip
    tab_to(page, page.get_by_label("Your self-assessment"))
    page.keyboard.type(THEME_VIEW)
    _go(page, page.get_by_role("button", name="Save draft"), "portal-self-assessment-saved")
    assert "Draft saved." in _banner(page)
    _go(page, page.get_by_role("link", name="Write about safeguarding"),
        "portal-self-assessment-statement-7")  # fmt: skip
    assert "about 250 to 500 words per quality statement" in page.locator("main").inner_text()
    tab_to(page, page.get_by_label("Your self-assessment"))
    page.keyboard.type(STATEMENT_VIEW)
    screenshot(page, "portal-03b-self-assessment-statement")
    _go(page, page.get_by_role("button", name="Save draft"), "portal-self-assessment-saved-2")
    assert STATEMENT_VIEW in page.locator("main").inner_text()
    _keyboard_sign_out(page)

    # The other items are answered by the service (the journey does not click 16 more forms).
    assert arrange("answer_remaining_items", assessment_id=assessment,
                   username="rutland.contributor") == 16  # fmt: skip

    # The council lead, with the keyboard only, submits the return.
    _keyboard_sign_in(page, "rutland.lead")
    _go(page, page.get_by_role("link", name="Information return", exact=True), "portal-list-lead")
    _go(page, page.get_by_role("link", name="Rutland"), "portal-task-list-lead")
    _go(page, page.get_by_role("button", name="Submit the return"), "portal-submit")
    screenshot(page, "portal-04-submit")
    _go(page, page.get_by_role("button", name="Submit the return"), "portal-submitted")
    assert "Information return submitted" in _banner(page)
    assert "Return submitted" in page.locator("main").inner_text()
    screenshot(page, "portal-05-submitted")
    _keyboard_sign_out(page)

    # An assessor raises a document request.
    sign_in(page, "assessor")
    page.goto(f"/returns/assessments/{assessment}/requests/")
    check_accessibility(page, "portal-requests-team")
    click_through(page.get_by_role("button", name="Raise a request"))
    check_accessibility(page, "portal-request-form")
    page.get_by_label("What is needed").fill("Safeguarding audit 2025")
    page.get_by_label("Why it is needed").fill("To see how enquiries were followed up.")
    page.get_by_label("7. Safeguarding").check()
    click_through(page.get_by_role("button", name="Send the request"))
    check_accessibility(page, "portal-request-detail-team")
    assert "Request sent to the council" in _banner(page)
    click_through(page.get_by_role("button", name="Sign out"))
    check_accessibility(page, "portal-signed-out-assessor")

    # The council lead, keyboard only, follows the notification and answers with a file.
    _keyboard_sign_in(page, "rutland.lead")
    _go(page, page.get_by_role("link", name="Notifications"), "portal-notifications")
    screenshot(page, "portal-06-notifications")
    notice = page.locator("main li", has_text="New document request: Safeguarding audit 2025")
    _go(page, notice.get_by_role("button"), "portal-request-detail-council")
    _go(page, page.get_by_role("button", name="Answer this request"), "portal-request-answer")
    audit = tmp_path / "safeguarding audit.pdf"
    audit.write_bytes(PDF)
    files = page.get_by_label("Upload files (optional)")
    tab_to(page, files)
    files.set_input_files(str(audit))
    tab_to(page, page.get_by_label("Your answer (optional)"))
    page.keyboard.type("The 2025 audit is attached.")
    _go(page, page.get_by_role("button", name="Send the answer"), "portal-request-answered")
    assert "Answer sent to the assessment team" in _banner(page)
    screenshot(page, "portal-07-request-answered")
    _keyboard_sign_out(page)

    # The assessor accepts the answer as evidence in one step and finds it on the statement.
    sign_in(page, "assessor")
    page.goto(f"/returns/assessments/{assessment}/requests/")
    check_accessibility(page, "portal-requests-answered")
    click_through(page.get_by_role("link", name="Safeguarding audit 2025"))
    check_accessibility(page, "portal-request-to-accept")
    click_through(page.get_by_role("button", name="Accept as evidence"))
    check_accessibility(page, "portal-accept-form")
    assert page.get_by_label("7. Safeguarding").is_checked()  # prefilled from the request
    assert page.get_by_label("Title").input_value() == "Safeguarding audit 2025"
    page.get_by_label("Evidence category").select_option(label="Processes")
    screenshot(page, "portal-08-accept-as-evidence")
    click_through(page.get_by_role("button", name="Accept as evidence"))
    check_accessibility(page, "portal-evidence-detail")
    main = page.locator("main").inner_text()
    assert "Accepted as evidence." in _banner(page)
    assert "Answer to the document request “Safeguarding audit 2025”" in main
    assert "safeguarding audit.pdf" in main
    screenshot(page, "portal-09-evidence-with-source")
    page.goto(f"/assessments/{assessment}/statements/7/")
    check_accessibility(page, "portal-statement-7")
    assert "Safeguarding audit 2025" in page.locator("main").inner_text()
    screenshot(page, "portal-10-statement-page")

    # Beside the evidence, the team reads the council's own view (submitted with the return).
    council_view = page.locator("section[aria-labelledby=council-view-heading]")
    view = council_view.inner_text()
    assert "The council’s self-assessment" in view and "not the assessment team’s judgement" in view
    assert THEME_VIEW in view and STATEMENT_VIEW in view
    assert "Submitted by the council" in view
    council_view.scroll_into_view_if_needed()
    screenshot(page, "portal-11-council-view-beside-evidence")
