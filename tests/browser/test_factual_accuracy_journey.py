"""The factual accuracy check in a real browser: the lead assessor sends the draft, the
council lead (who sees only their own council) raises challenges, one with a file, and an
assessor decides them, changing the finding for the accepted one. Every page is checked
with axe-core.

Works on a formal assessment of Nottingham (the demo's second council lead), arranged in
quality assurance; no other journey touches Nottingham.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import check_accessibility, click_through, screenshot, sign_in

pytestmark = pytest.mark.browser

NOTTINGHAM, BIRMINGHAM = "E06000018", "E08000025"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _banner(page):
    return page.locator(".govuk-notification-banner").inner_text()


def test_draft_goes_to_the_council_which_challenges_it_and_the_team_decides(
    page, arrange, tmp_path
):
    assessment = arrange("assessment_at", gss_code=NOTTINGHAM, status="quality_assurance")
    birmingham = arrange("open_assessment", gss_code=BIRMINGHAM)  # in scoring: not theirs

    # The lead assessor sends the draft.
    sign_in(page, "lead.assessor")
    page.goto(f"/assessments/{assessment}/")
    check_accessibility(page, "fa-assessment-in-qa")
    click_through(page.get_by_role("button", name="Send to the council for factual accuracy"))
    assert "10 working days" in page.locator("main").inner_text()
    check_accessibility(page, "fa-send-confirm")
    screenshot(page, "fa-send-confirm")
    click_through(page.get_by_role("button", name="Send to the council for factual accuracy"))
    assert "The draft was sent to the council to check its factual accuracy." in _banner(page)
    assert "Factual accuracy check" in page.locator("main .govuk-tag").first.inner_text()
    click_through(page.get_by_role("button", name="Sign out"))

    # The council lead sees Nottingham's assessments and no other council's open ones.
    sign_in(page, "council.lead2")
    mine = page.locator("main").get_by_role("list").first.inner_text()
    assert "Nottingham: Formal assessment" in mine
    assert all(line.startswith("Nottingham") for line in mine.splitlines() if line.strip())
    page.goto("/assessments/?status=factual_accuracy")  # Suffolk's is in this check too
    check_accessibility(page, "fa-council-lead-assessments")
    councils = page.locator("tbody tr td:first-child").all_inner_texts()
    assert councils == ["Nottingham"]
    for url in (f"/assessments/{birmingham}/", f"/assessments/{birmingham}/challenges/"):
        response = page.goto(url)
        assert response.status == 404
        check_accessibility(page, "fa-other-council-not-found")

    # ... reads the draft and raises two challenges, the first with a supporting file.
    page.goto("/")
    click_through(page.get_by_role("link", name="Nottingham: Formal assessment"))
    check_accessibility(page, "fa-council-lead-assessment")
    click_through(page.get_by_role("link", name="Draft findings and scores"))
    assert "with the council for its factual accuracy check" in page.locator("main").inner_text()
    check_accessibility(page, "fa-draft-findings")
    click_through(page.get_by_role("link", name="Raise a challenge"))
    check_accessibility(page, "fa-challenge-form")
    page.get_by_label("What are you challenging?").select_option(
        label="2. Supporting people to live healthier lives"
    )
    page.get_by_label("Factually inaccurate statement").check()
    page.get_by_label("Text you are challenging").fill(
        "People told us about supporting people to live healthier lives."
    )
    page.get_by_label("Your proposed correction").fill(
        "Add that 1,400 people used the new falls prevention service in 2025."
    )
    page.get_by_label("Supporting evidence", exact=True).fill("Falls service annual report, p. 4.")
    upload = tmp_path / "falls service report.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("Supporting documents").set_input_files(str(upload))
    click_through(page.get_by_role("button", name="Send the challenge"))
    assert "Challenge sent to the assessment team." in _banner(page)
    assert "falls service report.pdf" in page.locator("main").inner_text()
    check_accessibility(page, "fa-challenge-raised")
    screenshot(page, "fa-challenge-raised")

    click_through(page.locator(".govuk-breadcrumbs").get_by_role("link", name="Challenges"))
    check_accessibility(page, "fa-challenge-list-council")
    click_through(page.get_by_role("button", name="Raise a challenge"))
    page.get_by_label("What are you challenging?").select_option(label="The summary")
    page.get_by_label("Omission").check()
    page.get_by_label("Text you are challenging").fill("The summary leaves out our carers' hub.")
    page.get_by_label("Your proposed correction").fill("Add that the carers' hub opened in 2025.")
    click_through(page.get_by_role("button", name="Send the challenge"))
    assert "Challenge sent to the assessment team." in _banner(page)
    click_through(page.get_by_role("button", name="Sign out"))

    # An assessor of the team decides both: accepts the first, changing the finding.
    sign_in(page, "assessor")
    page.goto(f"/assessments/{assessment}/")
    assert "2 awaiting a decision" in page.locator("main").inner_text()
    click_through(page.get_by_role("link", name="Factual accuracy challenges"))
    check_accessibility(page, "fa-challenge-list-team")
    click_through(page.get_by_role("link", name="2. Supporting people to live healthier lives"))
    check_accessibility(page, "fa-challenge-decide")
    with page.expect_download() as download:
        page.get_by_role("link", name="falls service report.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    page.get_by_label("Accepted: the draft will be changed").check()
    page.get_by_label("Change made (if accepted)").fill("Falls prevention figure added.")
    told_us = page.get_by_label("What people told us")
    assert (
        told_us.input_value() == "People told us about supporting people to live healthier lives."
    )
    told_us.fill(
        "People told us about supporting people to live healthier lives; 1,400 people used "
        "the new falls prevention service in 2025."
    )
    screenshot(page, "fa-challenge-decide")
    click_through(page.get_by_role("button", name="Record the decision"))
    assert "Decision recorded. The council lead has been told." in _banner(page)

    click_through(page.get_by_role("link", name="Summary", exact=True))
    check_accessibility(page, "fa-challenge-decide-summary")
    page.get_by_label("Not accepted", exact=True).check()
    page.get_by_label("Reason (if not accepted)").fill(
        "The hub opened after the site visit; facts are as at the time of the assessment."
    )
    click_through(page.get_by_role("button", name="Record the decision"))
    rows = page.locator("tbody tr").all_inner_texts()
    assert any("Accepted" in row for row in rows) and any("Not accepted" in row for row in rows)
    screenshot(page, "fa-challenges-decided")

    click_through(page.locator(".govuk-breadcrumbs").get_by_role("link", name="Nottingham"))
    click_through(page.get_by_role("link", name="Draft findings and scores"))
    check_accessibility(page, "fa-findings-team")
    assert (
        "1,400 people used the new falls prevention service"
        in page.locator("#statement-2 + p + dl").inner_text()
    )
    click_through(page.get_by_role("button", name="Sign out"))

    # The council lead sees the decisions.
    sign_in(page, "council.lead2")
    page.goto(f"/assessments/{assessment}/challenges/")
    check_accessibility(page, "fa-challenge-list-decided")
    click_through(page.get_by_role("link", name="Summary", exact=True))
    main = page.locator("main").inner_text()
    assert "Not accepted" in main and "as at the time of the assessment" in main
    assert page.get_by_role("button", name="Record the decision").count() == 0
    check_accessibility(page, "fa-challenge-decided-council")
    screenshot(page, "fa-challenge-decided-council")
