"""Bad input on each main form, in a real browser: the GOV.UK error summary is shown and
focused, each of its links points at a field on the page (following the first moves focus
there), what was typed is still in the fields, and axe-core finds no serious issue.

Forms covered elsewhere with the same checks (check_error_summary): sign-in with a wrong
password (foundation), evidence with a kept attachment (evidence, and the keyboard journey),
a score without its rationale (scoring), waiting-list figures (national).

Works on Derby (in scoring, nothing scored) and Leeds (in its factual accuracy check, with a
council lead of its own and a challenge awaiting a decision), which no other journey uses.
"""

import pytest

from tests.browser.conftest import (
    check_accessibility,
    check_error_summary,
    date_value,
    fill_date,
    sign_in,
)

pytestmark = pytest.mark.browser

DERBY, LEEDS = "E06000015", "E08000035"
LONG = "x" * 20001


@pytest.fixture(scope="module")
def cases(arrange):
    leeds = arrange("assessment_at", gss_code=LEEDS, status="factual_accuracy")
    arrange("council_lead", username="council.lead.leeds", gss_code=LEEDS, full_name="Lee Leeds")
    return {
        "derby": arrange("assessment_at", gss_code=DERBY, status="scoring"),
        "leeds": leeds,
        "challenge": arrange(
            "challenge", assessment_id=leeds, raised_by="council.lead.leeds", statement_number=1
        ),
    }


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_sign_in_without_a_password_keeps_the_username(page):
    page.goto("/sign-in/")
    check_accessibility(page, "sign-in")
    page.get_by_label("Username").fill("someone.new")
    _submit(page, "Sign in")
    check_error_summary(page, "errors-sign-in", "Enter your password")
    assert page.get_by_label("Username").input_value() == "someone.new"
    assert page.get_by_label("Password").evaluate("el => el === document.activeElement")


def test_admin_forms_show_errors_and_keep_what_was_typed(page, cases, tmp_path):
    sign_in(page, "admin")

    page.goto("/assessments/new/")
    check_accessibility(page, "assessment-create")
    fill_date(page, "Date the council was notified", "31/2/2025")
    fill_date(page, "Site visit date", "1/3/2025")
    page.get_by_label("Lead assessor").select_option(label="Leah Lead")
    page.get_by_label("Omar Other").check()
    _submit(page, "Open assessment")
    check_error_summary(
        page,
        "errors-assessment-create",
        "Select the council to assess",
        "Date the council was notified must be a real date",
    )
    assert date_value(page, "Date the council was notified") == "31/2/2025"
    assert date_value(page, "Site visit date") == "1/3/2025"
    assert page.get_by_label("Lead assessor").evaluate("el => el.selectedOptions[0].text") == (
        "Leah Lead"
    )
    assert page.get_by_label("Omar Other").is_checked()
    assert page.get_by_label("Formal assessment").is_checked()

    page.goto(f"/assessments/{cases['derby']}/edit/")
    check_accessibility(page, "assessment-edit")
    fill_date(page, "Date the council was notified", "10/11/2025")
    fill_date(page, "Site visit date", "3/11/2025")
    _submit(page, "Save changes")
    check_error_summary(
        page,
        "errors-assessment-edit",
        "Site visit date must be on or after the date the council was notified",
    )
    assert date_value(page, "Date the council was notified") == "10/11/2025"
    assert date_value(page, "Site visit date") == "3/11/2025"

    page.goto(f"/assessments/{cases['derby']}/steps/return_to_evidence/")
    check_accessibility(page, "transition-return-to-evidence")
    _submit(page, "Return to evidence gathering")
    check_error_summary(page, "errors-transition-note", "Enter why more evidence is needed")

    page.goto(f"/assessments/{cases['leeds']}/deadline/")
    check_accessibility(page, "deadline-extend")
    fill_date(page, "New deadline", "30/2/2026")
    page.get_by_label("Reason").fill("The council asked for two more days.")
    _submit(page, "Extend the deadline")
    check_error_summary(page, "errors-deadline", "New deadline must be a real date")
    assert date_value(page, "New deadline") == "30/2/2026"
    assert page.get_by_label("Reason").input_value() == "The council asked for two more days."

    page.goto("/assessments/results/import/")
    check_accessibility(page, "results-import")
    results = tmp_path / "results.csv"
    results.write_text(
        "gss_code,published_on,rating,score_1,score_2,score_3,score_4,score_5,score_6,"
        "score_7,score_8,score_9\n"
        "E99999999,2025-03-14,good,3,3,3,3,3,3,3,3,3\n"
        f"{DERBY},2025-03-14,good,3,3,3,3,5,3,3,3,3\n"
    )
    page.get_by_label("Results file (CSV)").set_input_files(str(results))
    _submit(page, "Check and import")
    check_error_summary(page, "errors-results-import", "Correct the rows listed below")
    problems = page.locator("#row-errors li").all_inner_texts()
    assert len(problems) == 2 and all("line" in problem.lower() for problem in problems)

    page.goto("/reports/exports/")
    check_accessibility(page, "exports")
    fill_date(page, "Published on or after", "1/6/2025")
    fill_date(page, "Published on or before", "1/1/2025")
    _submit(page, "Start a bulk export")
    check_error_summary(
        page, "errors-bulk-export", "The 'published on or before' date must be on or after"
    )
    assert date_value(page, "Published on or after") == "1/6/2025"
    assert date_value(page, "Published on or before") == "1/1/2025"


def test_assessor_forms_show_errors_and_keep_what_was_typed(page, cases):
    sign_in(page, "assessor")

    page.goto(f"/assessments/{cases['derby']}/statements/1/score/")
    check_accessibility(page, "statement-score-unscored")
    page.get_by_label("Rationale").fill("Assessments were timely and strengths-based.")
    _submit(page, "Save score")
    # A radio group's error links to its first radio (the group itself has no id).
    check_error_summary(page, "errors-statement-score", "Choose a score from 1 to 4")
    assert page.evaluate("document.activeElement.id") == "id_score_0"
    assert page.get_by_label("Rationale").input_value().startswith("Assessments were timely")

    page.goto(f"/assessments/{cases['derby']}/findings/1/")
    check_accessibility(page, "finding-form")
    page.get_by_label("What people told us").fill("People felt listened to.")
    page.get_by_label("Strengths").fill(LONG)
    _submit(page, "Save the findings")
    check_error_summary(page, "errors-finding", "Strengths must be 20,000 characters or fewer")
    assert page.get_by_label("What people told us").input_value() == "People felt listened to."
    assert page.get_by_label("Strengths").input_value() == LONG

    page.goto(f"/assessments/{cases['derby']}/findings/summary/")
    check_accessibility(page, "summary-form")
    page.get_by_label("Summary").fill(LONG)
    _submit(page, "Save the summary")
    check_error_summary(page, "errors-summary", "Summary must be 20,000 characters or fewer")
    assert page.get_by_label("Summary").input_value() == LONG

    page.goto(f"/assessments/{cases['leeds']}/challenges/{cases['challenge']}/")
    check_accessibility(page, "challenge-decide")
    page.get_by_label("Reason (if not accepted)").fill("Checked against the return.")
    _submit(page, "Record the decision")
    check_error_summary(page, "errors-decision", "Choose a decision")
    assert page.evaluate("document.activeElement.id") == "id_decision-decision_0"
    assert page.get_by_label("Reason (if not accepted)").input_value() == (
        "Checked against the return."
    )
    page.get_by_label("Accepted: the draft will be changed").check()
    page.get_by_label("What people told us").fill("People told us about assessing needs in 2025.")
    _submit(page, "Record the decision")
    check_error_summary(page, "errors-decision-accepted", "Describe the change made")
    assert page.get_by_label("Accepted: the draft will be changed").is_checked()
    assert page.get_by_label("What people told us").input_value().endswith("in 2025.")


def test_council_lead_challenge_form_shows_errors_and_keeps_what_was_typed(page, cases, tmp_path):
    sign_in(page, "council.lead.leeds")
    page.goto(f"/assessments/{cases['leeds']}/challenges/new/")
    check_accessibility(page, "challenge-form")
    page.get_by_label("Text you are challenging").fill("Staff told us 70% were reviewed.")
    page.get_by_label("Supporting evidence", exact=True).fill("Our information return, table 3.")
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a document type the service accepts.")
    page.get_by_label("Supporting documents").set_input_files(str(notes))
    _submit(page, "Send the challenge")
    check_error_summary(
        page,
        "errors-challenge",
        "Choose what you are challenging",
        "Choose the type of challenge",
        "Enter your proposed correction",
        "notes.txt must be a",
    )
    assert page.get_by_label("Text you are challenging").input_value() == (
        "Staff told us 70% were reviewed."
    )
    assert page.get_by_label("Supporting evidence", exact=True).input_value() == (
        "Our information return, table 3."
    )
