"""The scoring page, the summary panel and its what-if preview."""

import datetime

import pytest
from django.urls import reverse

from assessments import scoring
from assessments.models import AssessmentKind, AssessmentStatus, QualityStatement, StatementScore
from assessments.services import statement_score_set
from audit.models import AuditEvent
from evidence.models import EvidenceItem
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring_assessment(suffolk, lead_assessor, assessor):
    return AssessmentFactory(
        council=suffolk,
        status=AssessmentStatus.SCORING,
        kind=AssessmentKind.PILOT,
        lead_assessor=lead_assessor,
        assessors=[assessor],
    )


def score_url(assessment, number=1):
    return reverse("assessments:statement_score", args=[assessment.pk, number])


def statement(assessment, number):
    return QualityStatement.objects.get(framework=assessment.framework, number=number)


def add_evidence(assessment, number, author, category_code, title, **kwargs):
    item = EvidenceItem.objects.create(
        assessment=assessment,
        category=assessment.framework.evidence_categories.get(code=category_code),
        route="collected",
        source_type="case_tracking",
        title=title,
        narrative="What it shows.",
        direction="positive",
        effective_date=datetime.date(2025, 2, 1),
        author=author,
        **kwargs,
    )
    item.statements.add(
        statement(assessment, number), through_defaults={"assessment_id": assessment.pk}
    )
    return item


def test_score_page_shows_evidence_by_category_beside_the_form(
    client, scoring_assessment, assessor
):
    add_evidence(scoring_assessment, 1, assessor, "peoples-experience", "Case file review")
    add_evidence(scoring_assessment, 1, assessor, "partners-feedback", "NHS partner interview")
    add_evidence(scoring_assessment, 2, assessor, "processes", "Not about statement 1")
    client.force_login(assessor)
    response = client.get(score_url(scoring_assessment))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1. Assessing needs" in html
    groups = {g.category.code: [i.title for i in g.items] for g in response.context["categories"]}
    assert groups["peoples-experience"] == ["Case file review"]
    assert groups["partners-feedback"] == ["NHS partner interview"]
    assert "Not about statement 1" not in html
    assert "3 - Evidence shows a good standard" in html
    assert 'name="rationale"' in html


def test_saving_a_score_redirects_to_the_summary(client, scoring_assessment, assessor):
    client.force_login(assessor)
    response = client.post(
        score_url(scoring_assessment, 4),
        {"score": "3", "rationale": "Good continuity.", "version": "0"},
    )
    assert response.status_code == 302
    # To the top of the page, where the success banner takes focus (no #scores fragment).
    assert response["Location"] == f"/assessments/{scoring_assessment.pk}/"
    row = StatementScore.objects.get(assessment=scoring_assessment, statement__number=4)
    assert (row.score, row.rationale, row.scored_by) == (3, "Good continuity.", assessor)


def test_missing_rationale_shows_an_error_summary_and_keeps_the_input(
    client, scoring_assessment, assessor
):
    client.force_login(assessor)
    response = client.post(score_url(scoring_assessment), {"score": "2", "version": "0"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert "govuk-error-summary" in html and "Enter the rationale for the score" in html
    assert 'value="2" checked' in html
    assert not StatementScore.objects.exists()


def test_stale_form_shows_a_clear_message(client, scoring_assessment, assessor, lead_assessor):
    statement_score_set(
        actor=lead_assessor,
        assessment=scoring_assessment,
        statement=statement(scoring_assessment, 1),
        score=2,
        rationale="First.",
    )
    client.force_login(assessor)
    response = client.post(
        score_url(scoring_assessment), {"score": "4", "rationale": "Mine.", "version": "0"}
    )
    assert response.status_code == 200
    assert "Someone else changed this score" in response.content.decode()
    assert StatementScore.objects.get(assessment=scoring_assessment).score == 2


def test_preview_button_without_javascript_shows_the_result_and_saves_nothing(
    client, scoring_assessment, assessor
):
    for number in range(2, 10):
        statement_score_set(
            actor=assessor,
            assessment=scoring_assessment,
            statement=statement(scoring_assessment, number),
            score=3,
            rationale="R",
        )
    client.force_login(assessor)
    response = client.post(
        score_url(scoring_assessment),
        {"score": "2", "rationale": "", "version": "0", "preview": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    preview = response.context["preview"]["preview"]
    assert (preview.display_percentage, preview.rating) == (72, scoring.GOOD)
    assert "What if: not saved" in html and "Score: 72%" in html and "(indicative)" in html
    assert StatementScore.objects.filter(assessment=scoring_assessment).count() == 8


def test_htmx_preview_returns_the_fragment(client, scoring_assessment, assessor):
    client.force_login(assessor)
    response = client.post(
        reverse("assessments:statement_score_preview", args=[scoring_assessment.pk, 1]),
        {"score": "4", "version": "0"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "a score of 4 for statement 1" in html and "Score: 100%" in html


def test_people_outside_the_team_cannot_score(
    client, scoring_assessment, outside_assessor, council_lead
):
    client.force_login(outside_assessor)
    assert client.get(score_url(scoring_assessment)).status_code == 404
    client.force_login(council_lead)  # sees the assessment, not the draft scores yet
    assert client.get(score_url(scoring_assessment)).status_code == 403
    response = client.post(
        score_url(scoring_assessment), {"score": "3", "rationale": "R", "version": "0"}
    )
    assert response.status_code == 403
    assert not StatementScore.objects.exists()


def test_scoring_closed_outside_scoring_statuses(client, assessment, assessor):
    client.force_login(assessor)  # the fixture assessment is at evidence gathering
    page = client.get(score_url(assessment))
    assert page.status_code == 200 and 'name="rationale"' not in page.content.decode()
    response = client.post(score_url(assessment), {"score": "3", "rationale": "R", "version": "0"})
    assert response.status_code == 403


def test_unknown_statement_is_404(client, scoring_assessment, assessor):
    client.force_login(assessor)
    assert client.get(score_url(scoring_assessment, 10)).status_code == 404


def test_earlier_rule_page_scores_each_category(client, nottingham, lead_assessor):
    earlier = AssessmentFactory(
        council=nottingham,
        status=AssessmentStatus.SCORING,
        scoring_rule=scoring.CATEGORY_SCORES.code,
        lead_assessor=lead_assessor,
    )
    client.force_login(lead_assessor)
    page = client.get(score_url(earlier, 5))
    assert "category_peoples_experience" in page.content.decode()
    response = client.post(
        score_url(earlier, 5),
        {
            "category_peoples_experience": "3",
            "category_partners_feedback": "4",
            "category_staff_leaders_feedback": "",
            "category_processes": "3",
            "rationale": "Strong partnerships.",
            "version": "0",
        },
    )
    assert response.status_code == 302
    row = StatementScore.objects.get(assessment=earlier)
    assert row.score == 3  # 10/12 = 83% -> good band -> 3
    assert AuditEvent.objects.filter(action="score.set_categories").count() == 1


# ---- the summary panel on the assessment page --------------------------------------------


def test_summary_shows_nine_scores_theme_rollup_and_indicative_result(
    client, scoring_assessment, assessor
):
    for number, score in zip(range(1, 10), [3, 3, 3, 3, 3, 3, 3, 3, 2], strict=True):
        statement_score_set(
            actor=assessor,
            assessment=scoring_assessment,
            statement=statement(scoring_assessment, number),
            score=score,
            rationale="R",
        )
    client.force_login(assessor)
    response = client.get(scoring_assessment.get_absolute_url())
    html = response.content.decode()
    summary = response.context["score_summary"]
    assert [row.value for row in summary.rows] == [3, 3, 3, 3, 3, 3, 3, 3, 2]
    assert [round(theme.mean, 2) for theme in summary.themes] == [3.0, 3.0, 3.0, 2.5]
    assert "Theme average" in html and "our own metric" in html
    assert "Score: 72%" in html and "(indicative)" in html
    assert "Overall (indicative)" in html
    assert "What if the scores changed?" in html
    assert html.count('<option value="3" selected>') == 8  # the what-if starts from the scores
    assert html.count('<option value="2" selected>') == 1
    assert html.count("2 - Evidence shows some shortfalls") >= 1


def test_summary_is_hidden_from_the_council_before_factual_accuracy(
    client, scoring_assessment, council_lead
):
    client.force_login(council_lead)
    response = client.get(scoring_assessment.get_absolute_url())
    assert response.status_code == 200
    assert response.context["score_summary"] is None
    assert 'id="scores"' not in response.content.decode()


def test_what_if_panel_previews_with_htmx_and_without_javascript(
    client, scoring_assessment, assessor
):
    client.force_login(assessor)
    url = reverse("assessments:scores_preview", args=[scoring_assessment.pk])
    data = {f"score_{n}": "3" for n in range(1, 10)} | {"score_9": "2"}
    fragment = client.post(url, data, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert "Score: 72%" in fragment.content.decode()
    page = client.post(url, data | {"score_1": ""})
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert page.context["preview"].scored == 8
    assert "Score: 72%" in html  # 23/32 = 71.875%
    assert not StatementScore.objects.exists()


def test_what_if_refuses_people_who_cannot_score(client, scoring_assessment, council_lead):
    client.force_login(council_lead)
    url = reverse("assessments:scores_preview", args=[scoring_assessment.pk])
    assert client.post(url, {"score_1": "3"}).status_code == 403


def test_published_scores_are_public_but_evidence_is_not(client, suffolk, lead_assessor):
    published = AssessmentFactory(
        council=suffolk, status=AssessmentStatus.PUBLISHED, lead_assessor=lead_assessor
    )
    add_evidence(published, 1, lead_assessor, "peoples-experience", "Confidential case file")
    StatementScore.objects.create(
        assessment=published, statement=statement(published, 1), score=3, rationale="Public."
    )
    response = client.get(score_url(published))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Public." in html and "3 - Evidence shows a good standard" in html
    assert "Confidential case file" not in html
    assert "Evidence is seen only by the assessment team" in html
    assert 'name="rationale"' not in html


def test_preview_endpoint_never_saves_even_without_htmx(client, scoring_assessment, assessor):
    client.force_login(assessor)
    response = client.post(
        reverse("assessments:statement_score_preview", args=[scoring_assessment.pk, 1]),
        {"score": "4", "rationale": "Would be valid.", "version": "0"},
    )
    assert response.status_code == 200
    assert response.context["preview"]["preview"].display_percentage == 100
    assert not StatementScore.objects.exists()


def test_what_if_with_a_tampered_score_explains_instead_of_failing(
    client, scoring_assessment, assessor
):
    client.force_login(assessor)
    url = reverse("assessments:scores_preview", args=[scoring_assessment.pk])
    fragment = client.post(url, {"score_1": "9"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "Choose each score from the list" in fragment.content.decode()
    page = client.post(url, {"score_1": "9"})
    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
