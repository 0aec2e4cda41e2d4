"""The self-assessment beside the evidence (the team and admins see the council's own view of a
statement's theme and of the statement on the statement pages) and the optional narrative per
quality statement: its page (drafts, length guide, GOV.UK character count) and its API."""

import pytest
from django.urls import reverse

from returns.models import SelfAssessmentSection
from returns.services import returns as services

pytestmark = pytest.mark.django_db

THEME_TEXT = "We know our safeguarding teams well; waiting times are our weak point."
STATEMENT_TEXT = "Safeguarding enquiries are started within two working days."


@pytest.fixture
def narratives(assessment, council_lead):
    """Theme 3's narrative (submitted) and statement 7's (a draft), written by the council."""
    statement = assessment.framework.quality_statements.get(number=7)
    services.self_assessment_save(actor=council_lead, assessment=assessment,
                                  theme=statement.theme, text=THEME_TEXT)  # fmt: skip
    services.self_assessment_submit(actor=council_lead, assessment=assessment)
    services.self_assessment_save(actor=council_lead, assessment=assessment,
                                  theme=statement.theme, statement=statement,
                                  text=STATEMENT_TEXT)  # fmt: skip
    return statement


STATEMENT_PAGES = ["evidence:statement", "assessments:statement_score"]


@pytest.mark.parametrize("page", STATEMENT_PAGES)
def test_the_team_sees_the_councils_view_beside_the_evidence(
    client, assessment, assessor, narratives, page
):
    client.force_login(assessor)
    response = client.get(reverse(page, args=[assessment.pk, 7]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The council’s self-assessment" in html
    assert "not the assessment team’s judgement" in html  # labelled as the council's own view
    assert THEME_TEXT in html and STATEMENT_TEXT in html
    assert f"Theme: {narratives.theme.name}" in html
    assert "Submitted</strong> by the council" in html  # the theme's, submitted
    assert "Draft</strong> not yet submitted by the council" in html  # the statement's draft


def test_an_admin_sees_it_too_and_a_statement_of_another_theme_shows_none_of_it(
    client, assessment, admin_user, narratives
):
    client.force_login(admin_user)
    html = client.get(reverse("evidence:statement", args=[assessment.pk, 7])).content.decode()
    assert THEME_TEXT in html
    other = client.get(reverse("evidence:statement", args=[assessment.pk, 1])).content.decode()
    assert THEME_TEXT not in other and STATEMENT_TEXT not in other
    assert "has not written a self-assessment of" in other


@pytest.mark.parametrize("page", STATEMENT_PAGES)
def test_the_council_and_outsiders_do_not_get_the_panel(
    client, assessment, council_lead, outside_assessor, narratives, page
):
    url = reverse(page, args=[assessment.pk, 7])
    for user in (council_lead, outside_assessor):
        client.force_login(user)
        response = client.get(url)
        assert "The council’s self-assessment" not in response.content.decode()
        assert THEME_TEXT.encode() not in response.content


def test_the_panel_costs_one_query(client, assessment, assessor, narratives):
    """The beside-the-evidence view reads both sections in one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from returns import selectors

    statement = assessment.framework.quality_statements.select_related("theme").get(number=7)
    with CaptureQueriesContext(connection) as queries:
        view = selectors.self_assessment_beside(assessment, statement)
    assert len(queries) == 1
    assert view.theme_section.text == THEME_TEXT and view.statement_section.text == STATEMENT_TEXT


# ---- the per-statement narrative page --------------------------------------------------


def test_a_contributor_drafts_a_statements_narrative_on_its_own_page(
    client, assessment, council_contributor
):
    client.force_login(council_contributor)
    url = reverse("returns:self_assessment_statement", args=[assessment.pk, 7])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "about 250 to 500 words per quality statement" in html  # the length guide
    assert 'data-module="govuk-character-count"' in html and 'data-maxlength="20000"' in html
    saved = client.post(url, {"text": STATEMENT_TEXT, "version": ""})
    assert saved.status_code == 302
    section = SelfAssessmentSection.objects.get(assessment=assessment, statement__number=7)
    assert section.text == STATEMENT_TEXT and section.submitted_at is None  # a draft
    assert section.theme == section.statement.theme
    overview = client.get(reverse("returns:self_assessment", args=[assessment.pk]))
    assert STATEMENT_TEXT in overview.content.decode()
    assert url in overview.content.decode()  # each statement links its page
    again = client.get(url)
    assert STATEMENT_TEXT in again.content.decode() and "Draft</strong>" in again.content.decode()


def test_a_statement_narrative_over_the_limit_is_refused_and_kept(
    client, assessment, council_contributor
):
    client.force_login(council_contributor)
    url = reverse("returns:self_assessment_statement", args=[assessment.pk, 7])
    too_long = "x" * 20_001
    response = client.post(url, {"text": too_long, "version": ""})
    assert response.status_code == 400
    assert b"Error: " in response.content and b"govuk-error-summary" in response.content
    assert b"20,000 characters or fewer" in response.content
    assert too_long.encode() in response.content  # nothing typed is lost
    assert not SelfAssessmentSection.objects.exists()


def test_a_stale_statement_draft_is_refused(client, assessment, council_contributor, council_lead):
    statement = assessment.framework.quality_statements.get(number=7)
    first = services.self_assessment_save(
        actor=council_lead, assessment=assessment, theme=statement.theme, statement=statement,
        text="One",
    )  # fmt: skip
    services.self_assessment_save(actor=council_lead, assessment=assessment,
                                  theme=statement.theme, statement=statement, text="Two",
                                  version=first.version)  # fmt: skip
    client.force_login(council_contributor)
    url = reverse("returns:self_assessment_statement", args=[assessment.pk, 7])
    response = client.post(url, {"text": "Mine", "version": first.version})
    assert response.status_code == 400 and b"Someone else changed this" in response.content
    assert SelfAssessmentSection.objects.get(statement=statement).text == "Two"


def test_the_statement_page_is_for_the_council_only_and_known_statements(
    client, assessment, assessor, other_council_lead, council_lead
):
    url = reverse("returns:self_assessment_statement", args=[assessment.pk, 7])
    client.force_login(assessor)
    assert client.get(url).status_code == 403  # may see the portal, not write for the council
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 404
    client.force_login(council_lead)
    missing = reverse("returns:self_assessment_statement", args=[assessment.pk, 99])
    assert client.get(missing).status_code == 404


# ---- the per-statement narrative over the API ------------------------------------------


def test_the_statement_narrative_api(token_client, assessment, council_lead, assessor, narratives):
    url = f"/api/v1/assessments/{assessment.pk}/self-assessment/statements/7/"
    team = token_client(assessor).get(url)
    assert team.status_code == 200
    assert team.data["statement"] == 7 and team.data["theme"] == narratives.theme.number
    assert team.data["section"]["text"] == STATEMENT_TEXT
    assert team.data["theme_section"]["text"] == THEME_TEXT
    council = token_client(council_lead)
    version = team.data["section"]["version"]
    saved = council.put(url, {"text": "Better.", "version": version}, format="json")
    assert saved.status_code == 200 and saved.data["section"]["text"] == "Better."
    stale = council.put(url, {"text": "Older.", "version": version}, format="json")
    assert stale.status_code == 409
    assert council.put(url, {"version": version}, format="json").status_code == 400  # no text
    assert token_client(assessor).put(url, {"text": "x"}, format="json").status_code == 403
    missing = f"/api/v1/assessments/{assessment.pk}/self-assessment/statements/99/"
    assert council.get(missing).status_code == 404
