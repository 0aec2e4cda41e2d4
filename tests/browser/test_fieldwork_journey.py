"""Fieldwork in a real browser: the council uploads its case list (a file with a name column
is refused first); the lead assessor draws the sample, records consent, a contact attempt and
a journey note, and sees the heat-map change; schedules a session and is refused a double
booking; downloads the programme as an ICS file that the `icalendar` library parses back.
Every page is checked with axe-core.

Works on a formal assessment of Hartlepool, arranged in evidence gathering, with its own
council lead; no other journey touches Hartlepool. All case data is synthetic.
"""

import icalendar
import pytest

from tests.browser.conftest import check_accessibility, click_through, screenshot, sign_in

pytestmark = pytest.mark.browser

HARTLEPOOL = "E06000001"
HEADER = "case_reference,age_band,primary_support_reason,service_type,locality,is_carer"


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def _heat_cell(page, statement: str) -> str:
    """The people's-experience cell of a statement's row of the heat-map."""
    row = page.locator("#heat-map tbody tr", has=page.get_by_role("rowheader", name=statement))
    return row.locator("td").first.inner_text()


def test_case_list_sample_tracking_sessions_and_heat_map(page, arrange, tmp_path):
    assessment = arrange("assessment_at", gss_code=HARTLEPOOL, status="evidence_gathering")
    arrange("council_lead", username="hartlepool.lead", gss_code=HARTLEPOOL,
            full_name="Hana Hartlepool")  # fmt: skip

    # The council uploads its case list: a file with a name column is refused, then accepted.
    sign_in(page, "hartlepool.lead")
    page.goto(f"/fieldwork/assessments/{assessment}/case-list/")
    check_accessibility(page, "fieldwork-upload")
    named = tmp_path / "with-names.csv"
    named.write_text(f"{HEADER},full_name\nSYN-1,65-74,Personal care,Home care,North,no,X\n")
    page.get_by_label("Upload the case list (CSV)").set_input_files(str(named))
    click_through(page.get_by_role("button", name="Upload", exact=True))
    check_accessibility(page, "fieldwork-upload-refused")
    assert "looks like a name" in page.locator("#import-errors").inner_text()
    screenshot(page, "fieldwork-01-name-column-refused")
    rows = [
        f"SYN-{n:03d},{['18-64', '65-74', '85+'][n % 3]},Personal care,Home care,"
        f"{['North', 'South'][n % 2]},{'yes' if n % 5 == 0 else 'no'}"
        for n in range(1, 25)
    ]
    good = tmp_path / "synthetic-cases.csv"
    good.write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    page.get_by_label("Upload the case list (CSV)").set_input_files(str(good))
    click_through(page.get_by_role("button", name="Upload", exact=True))
    check_accessibility(page, "fieldwork-overview-council")
    assert "Case list uploaded: 24 cases." in _banner(page)
    assert "SYN-001" not in page.locator("main").inner_text()  # the council never sees cases
    click_through(page.get_by_role("button", name="Sign out"))
    check_accessibility(page, "fieldwork-signed-out-council")

    # The lead assessor looks at the heat-map, then draws the sample.
    sign_in(page, "lead.assessor")
    page.goto(f"/fieldwork/assessments/{assessment}/sufficiency/")
    check_accessibility(page, "fieldwork-heat-map-before")
    assert _heat_cell(page, "1. Assessing needs").startswith("0 items")
    page.goto(f"/fieldwork/assessments/{assessment}/")
    check_accessibility(page, "fieldwork-overview-team")
    click_through(page.get_by_role("link", name="Cases and the sample"))
    check_accessibility(page, "fieldwork-cases-before")
    click_through(page.get_by_role("button", name="Draw the sample"))
    check_accessibility(page, "fieldwork-sample-form")
    page.get_by_label("Age band").check()
    page.get_by_label("Seed (optional)").fill("20261201")
    screenshot(page, "fieldwork-02-sample-form")
    click_through(page.get_by_role("button", name="Draw the sample"))
    check_accessibility(page, "fieldwork-cases-sampled")
    assert "seed 20261201" in _banner(page)
    assert page.locator("#sample-seed").inner_text() == "20261201"
    assert "0 of 6 people tracked" in page.locator("#sample-progress").inner_text()
    screenshot(page, "fieldwork-03-sample-drawn")

    # Consent, a contact attempt and a journey note on the first case in the sample.
    first = page.locator("tbody tr", has_text="In sample").first.get_by_role("link")
    click_through(first)
    check_accessibility(page, "fieldwork-case")
    page.get_by_label("Given").check()
    click_through(page.get_by_role("button", name="Record consent"))
    check_accessibility(page, "fieldwork-case-consent")
    assert "Consent given" in page.locator("#consent-status").inner_text()
    page.get_by_label("Phone").check()
    page.get_by_label("Spoke to the person or their carer").check()
    click_through(page.get_by_role("button", name="Record the attempt"))
    check_accessibility(page, "fieldwork-case-contact")
    assert "Spoke to the person or their carer" in page.locator("#contact-attempts").inner_text()
    page.get_by_label("Journey note").fill("Synthetic: assessed within four weeks.")
    page.get_by_label("1. Assessing needs").check()
    click_through(page.get_by_role("button", name="Save the note as evidence"))
    check_accessibility(page, "fieldwork-case-note")
    assert "Synthetic: assessed within four weeks." in page.locator("#journey-notes").inner_text()
    screenshot(page, "fieldwork-04-case-tracked")

    # The heat-map changes: statement 1 now has people's experience evidence.
    page.goto(f"/fieldwork/assessments/{assessment}/sufficiency/")
    check_accessibility(page, "fieldwork-heat-map-after")
    assert _heat_cell(page, "1. Assessing needs").startswith("1 item")
    screenshot(page, "fieldwork-05-heat-map")

    # A session is scheduled; a second at the same time for the same assessor is refused.
    page.goto(f"/fieldwork/assessments/{assessment}/sessions/")
    check_accessibility(page, "fieldwork-sessions-empty")
    for title, start, end in (("Director interview", "10:00", "11:00"),
                              ("Carers' focus group", "10:30", "12:00")):  # fmt: skip
        click_through(page.get_by_role("button", name="Schedule a session"))
        check_accessibility(page, f"fieldwork-session-form-{start}")
        page.get_by_label("Interview").check()
        page.get_by_label("Title").fill(title)
        page.get_by_label("Start time").fill(start)
        page.get_by_label("End time").fill(end)
        page.get_by_label("Director of adult social services").check()
        page.get_by_label("Leah Lead").check()
        page.get_by_label("Location").fill("Civic Centre (demo)")
        click_through(page.get_by_role("button", name="Schedule the session"))
        if start == "10:00":
            check_accessibility(page, "fieldwork-sessions-one")
            assert "Session “Director interview” scheduled." in _banner(page)
    check_accessibility(page, "fieldwork-double-booking-refused")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Leah Lead is already booked from 3 November 2025, 10:00 to 11:00" in summary
    assert page.get_by_label("Title").input_value() == "Carers' focus group"
    screenshot(page, "fieldwork-06-double-booking-refused")

    # The programme as an ICS file, parsed back by the library.
    page.goto(f"/fieldwork/assessments/{assessment}/sessions/")
    check_accessibility(page, "fieldwork-sessions")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the programme (ICS calendar file)").click()
    path = tmp_path / "programme.ics"
    download.value.save_as(path)
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Interview: Director interview"]
    assert str(events[0]["LOCATION"]) == "Civic Centre (demo)"
