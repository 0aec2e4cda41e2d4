"""Quality assurance and factual accuracy as CQC runs them, in a real browser (issue 16).

The lead assessor prepares the calibration panel (adding a member by mistake and removing
them again) and proposes the scores; the panel's chair
changes one score with a reason and signs off; the lead sends the draft; the council lead
challenges a finding from the finding itself (a factual inaccuracy: refused without evidence,
then raised with a reference); the team accepts it with a score change, which the council
sees; the council confirms all its comments are in; an admin finds publishing paused by a
pre-election period, ends the period early and publishes before the deadline;
the team corrects the published report (version 2 with its corrections annex); the council
records an improvement action and updates it. Every page is checked with axe-core.

Works on a formal assessment of Barnsley (synthetic journey data), with its own council lead;
no other journey touches Barnsley.
"""

import datetime
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import (
    check_accessibility,
    click_through,
    fill_date,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.browser

BARNSLEY = "E08000038"
SAFE_SYSTEMS = "6. Safe systems, pathways and transitions"


def _main(page) -> str:
    return page.locator("main").inner_text()


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def _go(page, url: str, name: str) -> None:
    page.goto(url)
    check_accessibility(page, name)


def _sign_out(page) -> None:
    click_through(page.get_by_role("button", name="Sign out"))


def test_panel_sign_off_send_challenge_confirm_publish_correct_and_act(page, arrange):
    assessment = arrange("assessment_at", gss_code=BARNSLEY, status="quality_assurance",
                         scores=[3, 3, 3, 3, 3, 3, 3, 3, 3], calibrate=False)  # fmt: skip
    arrange("council_lead", username="barnsley.lead", gss_code=BARNSLEY,
            full_name="Bea Barnsley")  # fmt: skip
    home = f"/assessments/{assessment}/"
    panel_url = f"/calibration/assessments/{assessment}/"

    # The lead assessor prepares the panel and proposes the scores.
    sign_in(page, "lead.assessor")
    _go(page, home, "qa-assessment-in-qa")
    click_through(page.get_by_role("button", name="Send to the council for factual accuracy"))
    assert "calibration panel must sign off" in _main(page)
    check_accessibility(page, "qa-send-refused")
    _go(page, home, "qa-assessment-again")
    click_through(page.get_by_role("link", name="View the calibration panel"))
    check_accessibility(page, "qa-panel-empty")
    click_through(page.get_by_role("link", name="Change the meeting date or chair"))
    check_accessibility(page, "qa-panel-details")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Chair").select_option(label="Omar Other")
    click_through(page.get_by_role("button", name="Save"))
    check_accessibility(page, "qa-panel-saved")
    click_through(page.get_by_role("link", name="Add a member"))
    click_through(page.get_by_role("button", name="Add the member"))
    assert "Enter the member's name" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, "qa-member-errors")
    page.get_by_label("Name").fill("Synthetic external member")
    page.get_by_label("Role").fill("Former director of adult social services")
    page.get_by_label("External").check()
    click_through(page.get_by_role("button", name="Add the member"))
    # A member added by mistake is removed again, after a confirmation page.
    click_through(page.get_by_role("link", name="Add a member"))
    page.get_by_label("Name").fill("Synthetic member added by mistake")
    page.get_by_label("Role").fill("Assessor")
    page.get_by_label("Internal").check()
    click_through(page.get_by_role("button", name="Add the member"))
    click_through(page.get_by_role(
        "link", name="Remove Synthetic member added by mistake from the panel"))  # fmt: skip
    check_accessibility(page, "qa-member-remove-confirm")
    click_through(page.get_by_role("button", name="Remove the member"))
    assert "Synthetic member added by mistake was removed from the panel." in _banner(page)
    members = page.locator("ul.govuk-list--bullet").first.inner_text()
    assert "Synthetic external member" in members and "added by mistake" not in members
    check_accessibility(page, "qa-member-removed")
    click_through(page.get_by_role("button", name="Propose the scores to the panel"))
    assert "Scores proposed to the panel." in _banner(page)
    check_accessibility(page, "qa-panel-proposed")
    _sign_out(page)

    # The chair records the outcome: one score lowered with its reason, then signs off.
    sign_in(page, "assessor2")
    for number in range(1, 10):
        _go(page, f"{panel_url}statements/{number}/", f"qa-outcome-{number}")
        if number == 6:
            page.get_by_label("2", exact=True).check()
            click_through(page.get_by_role("button", name="Record the outcome"))
            assert "Give the reason the panel changed the score" in _main(page)
            check_accessibility(page, "qa-outcome-error")
            page.get_by_label("Reason for any change").fill(
                "Synthetic: transitions evidence showed some shortfalls."
            )
        click_through(page.get_by_role("button", name="Record the outcome"))
    click_through(page.get_by_role("button", name="Sign off the panel"))
    assert "Panel signed off." in _banner(page)
    assert "Calibration panel signed off" in _main(page)  # the quality assurance timeline
    check_accessibility(page, "qa-panel-signed-off")
    screenshot(page, "qa-01-panel-signed-off")
    _sign_out(page)

    # The lead assessor sends the draft.
    sign_in(page, "lead.assessor")
    _go(page, home, "qa-ready-to-send")
    assert "1 score changed by the panel" in _main(page)
    click_through(page.get_by_role("button", name="Send to the council for factual accuracy"))
    check_accessibility(page, "qa-send-confirm")
    click_through(page.get_by_role("button", name="Send to the council for factual accuracy"))
    assert "The draft was sent to the council" in _banner(page)
    _sign_out(page)

    # The council lead challenges the finding from the finding itself.
    sign_in(page, "barnsley.lead")
    _go(page, f"{home}findings/", "qa-council-findings")
    # The sixth finding's own link (its visually hidden text names the statement).
    click_through(page.get_by_role("link", name="Challenge this finding").nth(5))
    check_accessibility(page, "qa-challenge-prefilled")
    assert page.get_by_label("What are you challenging?").input_value() != ""
    page.get_by_label("Factually inaccurate statement").check()
    page.get_by_label("Text you are challenging").fill("Waiting times were not monitored.")
    page.get_by_label("Your proposed correction").fill("Waiting times are reported monthly.")
    click_through(page.get_by_role("button", name="Send the challenge"))
    assert "needs supporting evidence" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, "qa-challenge-needs-evidence")
    page.get_by_label("Supporting evidence", exact=True).fill(
        "Synthetic: performance report to cabinet, March 2025, page 4."
    )
    click_through(page.get_by_role("button", name="Send the challenge"))
    assert "Challenge sent to the assessment team." in _banner(page)
    challenge_url = page.url
    _sign_out(page)

    # The team accepts it and raises the score.
    sign_in(page, "lead.assessor")
    _go(page, challenge_url, "qa-decide")
    page.get_by_label("Accepted: the draft will be changed").check()
    page.get_by_label("Change made (if accepted)").fill("Monitoring evidence accepted.")
    page.get_by_label("Change the statement's score (if accepted)").select_option("3")
    click_through(page.get_by_role("button", name="Record the decision"))
    assert "Decision recorded." in _banner(page)
    check_accessibility(page, "qa-decided")
    _sign_out(page)

    # The council sees the change and confirms all its comments are in.
    sign_in(page, "barnsley.lead")
    _go(page, challenge_url, "qa-council-sees-decision")
    assert "From 2 to 3" in _main(page)
    _go(page, f"{home}challenges/", "qa-council-challenges")
    click_through(page.get_by_role("link", name="Confirm you have no comments"))
    check_accessibility(page, "qa-confirm")
    page.get_by_label("All our comments are in").check()
    click_through(page.get_by_role("button", name="Confirm"))
    assert "The council confirmed" in _main(page)
    check_accessibility(page, "qa-confirmed")
    _sign_out(page)

    # A pre-election period pauses publishing in Barnsley: the admin is told, ends it early.
    sign_in(page, "admin")
    today = datetime.date.today()
    period = "Synthetic by-election period (Barnsley)"
    _go(page, "/assessments/publication-pauses/", "qa-pauses")
    page.get_by_label("Name of the period").fill(period)
    fill_date(page, "First day", f"{today - datetime.timedelta(days=1):%d/%m/%Y}")
    fill_date(page, "Last day", f"{today + datetime.timedelta(days=30):%d/%m/%Y}")
    page.get_by_label("Barnsley", exact=True).check()
    click_through(page.get_by_role("button", name="Add the period"))
    assert "Publication pause added." in _banner(page)
    check_accessibility(page, "qa-pause-added")
    _go(page, home, "qa-admin-assessment-paused")
    click_through(page.get_by_role("button", name="Publish"))
    assert f"Publication is paused for {period}" in _main(page)
    check_accessibility(page, "qa-publish-paused")
    _go(page, "/assessments/publication-pauses/", "qa-pauses-one")
    click_through(page.get_by_role("link", name=f"End now {period}"))
    check_accessibility(page, "qa-pause-end-confirm")
    click_through(page.get_by_role("button", name="End the period now"))
    assert "publishing may go ahead" in _banner(page)
    check_accessibility(page, "qa-pause-ended")

    # An admin publishes before the deadline (the council confirmed).
    _go(page, home, "qa-admin-assessment")
    click_through(page.get_by_role("button", name="Publish"))
    check_accessibility(page, "qa-publish-confirm")
    click_through(page.get_by_role("button", name="Publish"))
    assert "The assessment was published." in _banner(page)
    reports = page.locator("#reports")
    reports.get_by_role("link", name="Download PDF of the published report version 1").wait_for(
        timeout=120_000
    )
    check_accessibility(page, "qa-published")

    # The team corrects the published report: version 2 with its corrections annex.
    click_through(page.get_by_role("link", name="Correct the published report"))
    check_accessibility(page, "qa-correct")
    page.get_by_label("Finding text").check()
    page.get_by_label("Quality statement (for a finding or a score)").select_option(
        label=SAFE_SYSTEMS
    )
    page.get_by_label("Part of the finding (for a finding)").select_option(label="Strengths")
    page.get_by_label("Corrected text, or the new score (1 to 4)").fill(
        "Synthetic correction: the transitions team covers ages 14 to 25."
    )
    page.get_by_label("Reason for the correction").fill("The age range was misquoted.")
    click_through(page.get_by_role("button", name="Produce the corrected report"))
    assert "Corrected report version 2 requested." in _banner(page)
    link = reports.get_by_role("link", name="Download PDF of the published report version 2")
    link.wait_for(timeout=120_000)
    check_accessibility(page, "qa-corrected")
    screenshot(page, "qa-02-corrected")
    with page.expect_download() as download:
        link.click()
    text = " ".join(
        (p.extract_text() or "") for p in PdfReader(io.BytesIO(
            Path(download.value.path()).read_bytes())).pages
    )  # fmt: skip
    text = " ".join(text.split())
    assert "Annex: corrections" in text and "the transitions team covers ages 14 to 25" in text
    _sign_out(page)

    # The council records an improvement action against the finding and updates it.
    sign_in(page, "barnsley.lead")
    _go(page, home, "qa-council-published")
    click_through(page.get_by_role("link", name="View the action plan"))
    check_accessibility(page, "qa-plan-empty")
    page.get_by_label("Which finding does it answer?").select_option(label=SAFE_SYSTEMS)
    page.get_by_label("Action").fill("Synthetic: a joint transitions pathway with health.")
    page.get_by_label("Owner").fill("Head of transitions")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2027")
    click_through(page.get_by_role("button", name="Add the action"))
    assert "Action added to the plan." in _banner(page)
    check_accessibility(page, "qa-plan-one")
    click_through(page.get_by_role("link", name="Update this action"))
    check_accessibility(page, "qa-action-update")
    page.get_by_label("In progress").check()
    page.get_by_label("Progress note").fill("Synthetic: pathway drafted with the ICB.")
    click_through(page.get_by_role("button", name="Save"))
    assert "Action updated." in _banner(page)
    assert "pathway drafted with the ICB" in _main(page)
    check_accessibility(page, "qa-plan-updated")
    screenshot(page, "qa-03-action-plan")
