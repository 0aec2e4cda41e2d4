"""Scoring one statement after another: evidence titles open the items, and saving a score
offers the next statement."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus
from tests.factories import AssessmentFactory, EvidenceItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring_assessment(suffolk, lead_assessor, assessor):
    return AssessmentFactory(
        council=suffolk,
        status=AssessmentStatus.SCORING,
        lead_assessor=lead_assessor,
        assessors=[assessor],
    )


def score_url(assessment, number):
    return reverse("assessments:statement_score", args=[assessment.pk, number])


def test_evidence_titles_on_the_scoring_page_link_to_the_items(
    client, scoring_assessment, assessor
):
    item = EvidenceItemFactory(assessment=scoring_assessment, title="Case file review A")
    client.force_login(assessor)
    html = client.get(score_url(scoring_assessment, 1)).content.decode()
    href = reverse("evidence:detail", args=[item.pk])
    assert f'<a class="govuk-link" href="{href}">Case file review A</a>' in html


def test_saving_a_score_offers_the_next_statement(client, scoring_assessment, assessor):
    client.force_login(assessor)
    response = client.post(
        score_url(scoring_assessment, 4),
        {"score": "3", "rationale": "Good continuity.", "version": "0"},
        follow=True,
    )
    html = response.content.decode()
    assert "Score saved for 4. Care provision, integration and continuity." in html
    assert (
        f'<a class="govuk-notification-banner__link" href="{score_url(scoring_assessment, 5)}">'
        "Next statement: 5. Partnerships and communities</a>" in html
    )


def test_the_last_statement_has_no_next_statement(client, scoring_assessment, assessor):
    client.force_login(assessor)
    response = client.post(
        score_url(scoring_assessment, 9),
        {"score": "3", "rationale": "Learning culture.", "version": "0"},
        follow=True,
    )
    html = response.content.decode()
    assert "Score saved for 9. Learning, improvement and innovation." in html
    assert "Next statement" not in html


def test_the_scoring_page_links_to_the_previous_and_next_statements(
    client, scoring_assessment, assessor
):
    client.force_login(assessor)
    html = client.get(score_url(scoring_assessment, 1)).content.decode()
    assert "Previous statement" not in html
    assert f'href="{score_url(scoring_assessment, 2)}" rel="next"' in html
    html = client.get(score_url(scoring_assessment, 5)).content.decode()
    assert f'href="{score_url(scoring_assessment, 4)}" rel="prev"' in html
    assert f'href="{score_url(scoring_assessment, 6)}" rel="next"' in html
