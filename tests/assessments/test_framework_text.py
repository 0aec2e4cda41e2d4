"""Framework version 1 carries CQC's exact wording, and the correction is in its history."""

import pytest

from assessments.models import QualityStatement, Theme
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def statement(number):
    return QualityStatement.objects.get(
        framework__code="cqc-la", framework__version=1, number=number
    )


def test_we_statements_of_qs2_and_qs8_are_cqcs():
    assert statement(2).we_statement == (
        "We support people to manage their health and wellbeing so they can maximise their "
        "independence, choice and control, live healthier lives and where possible, reduce "
        "future needs for care and support."
    )
    assert statement(8).we_statement.startswith(
        "We have clear responsibilities, roles, systems of accountability and good governance "
        "to manage and deliver good quality, sustainable care, treatment and support. "
    )
    assert "We use these to" not in statement(8).we_statement


def test_missing_i_statements_added():
    assert (
        "I have care and support that enables me to live as I want to, seeing me as a unique "
        "person with skills, strengths and goals." in statement(3).i_statements
    )
    assert (
        "I have care and support that is coordinated, and everyone works well together and "
        "with me." in statement(5).i_statements
    )
    assert "I feel safe and am supported to understand and manage any risks." in (
        statement(6).i_statements
    )


def test_qs4_is_spelt_coordinated_as_cqc_writes_it():
    assert statement(4).i_statements == [
        "I have care and support that is coordinated, and everyone works well together and with me."
    ]
    event = AuditEvent.objects.get(action="framework.correct", target_repr__startswith="4.")
    before, after = event.changes["i_statements"]
    assert "co-ordinated" in before[0] and after == statement(4).i_statements


def test_themes_carry_cqcs_full_names_beside_the_short_labels():
    themes = dict(Theme.objects.filter(framework__version=1).values_list("number", "full_name"))
    assert themes[3] == "How the local authority ensures safety within the system"
    assert Theme.objects.get(framework__version=1, number=3).name == (
        "Ensuring safety within the system"
    )
    assert all(themes.values())


def test_the_correction_is_recorded_in_the_frameworks_history():
    events = AuditEvent.objects.filter(action="framework.correct")
    corrected = {event.target_repr for event in events}
    assert {
        "2. Supporting people to live healthier lives",
        "8. Governance, management and sustainability",
        "3. Equity in experience and outcomes",
    } <= corrected
    qs2 = events.get(target_repr__startswith="2.")
    before, after = qs2.changes["we_statement"]
    assert before.endswith(
        "We support them to live healthier lives and where possible, "
        "reduce future needs for care and support."
    )
    assert after == statement(2).we_statement
    assert "CQC" in qs2.note
