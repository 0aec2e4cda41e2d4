"""Evidence lists: a statement's evidence (filters, search, pages) and the evidence overview
(counts per statement and category), with who may see them."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus
from tests.factories import AssessmentFactory, EvidenceItemFactory
from tests.panels import panel_response

pytestmark = pytest.mark.django_db


def test_statement_page_filters_and_searches(client, assessment, assessor, processes):
    EvidenceItemFactory(
        assessment=assessment, title="Focus group with carers", direction="negative"
    )
    EvidenceItemFactory(
        assessment=assessment,
        title="Direct payments policy",
        category=processes,
        route="requested",
        source_type="policy_document",
        narrative="The policy is out of date.",
    )
    client.force_login(assessor)
    url = reverse("evidence:statement", args=[assessment.pk, 1])

    def titles(**params):
        return [i.title for i in client.get(url, params).context["page_obj"].object_list]

    assert len(titles()) == 2
    assert titles(category=processes.pk) == ["Direct payments policy"]
    assert titles(route="requested") == ["Direct payments policy"]
    assert titles(source_type="case_tracking") == ["Focus group with carers"]
    assert titles(direction="negative") == ["Focus group with carers"]
    assert titles(q="out of date") == ["Direct payments policy"]
    assert titles(q="CARERS") == ["Focus group with carers"]


def test_statement_page_paginates(client, assessment, assessor):
    EvidenceItemFactory.create_batch(30, assessment=assessment)
    client.force_login(assessor)
    url = reverse("evidence:statement", args=[assessment.pk, 1])
    first = client.get(url)
    assert len(first.context["page_obj"].object_list) == 25
    assert "Page 1 of 2" in first.content.decode()
    assert len(client.get(url, {"page": 2}).context["page_obj"].object_list) == 5


def test_unknown_statement_is_404(client, assessment, assessor):
    client.force_login(assessor)
    assert client.get(reverse("evidence:statement", args=[assessment.pk, 10])).status_code == 404


def test_overview_shows_statements_by_theme_with_counts_per_category(
    client, assessment, assessor, statement7, processes
):
    EvidenceItemFactory.create_batch(2, assessment=assessment)
    EvidenceItemFactory(assessment=assessment, statements=[statement7], category=processes)
    client.force_login(assessor)
    response = panel_response(client, assessment, "evidence")
    overview = response.context["evidence_overview"]
    assert [theme.name for theme in overview.themes] == [
        "Working with people",
        "Providing support",
        "Ensuring safety within the system",
        "Leadership",
    ]
    assert [c.name for c in overview.categories] == [
        "People's experience",
        "Feedback from staff and leaders",
        "Feedback from partners",
        "Processes",
    ]
    rows = {row.statement.number: row for theme in overview.themes for row in theme.rows}
    assert len(rows) == 9
    assert rows[1].counts == [2, 0, 0, 0] and rows[1].total == 2
    assert rows[7].counts == [0, 0, 0, 1]
    html = response.content.decode()
    assert reverse("evidence:statement", args=[assessment.pk, 7]) in html


def test_statement_filters_keep_the_chosen_values(client, assessment, assessor, processes):
    client.force_login(assessor)
    response = client.get(
        reverse("evidence:statement", args=[assessment.pk, 1]),
        {"category": processes.pk, "route": "held", "q": "carers", "withdrawn": "on"},
    )
    html = response.content.decode()
    assert f'<option value="{processes.pk}" selected>Processes</option>' in html
    assert '<option value="held" selected>' in html
    assert 'name="q" type="search" value="carers"' in html
    assert 'id="id_withdrawn" name="withdrawn" type="checkbox" checked' in html
    assert "No evidence matches these filters" in html and "Clear filters" in html


def test_evidence_overview_page_links_every_statement(client, assessment, council_lead):
    EvidenceItemFactory(assessment=assessment)
    EvidenceItemFactory(assessment=assessment, contains_personal_data=True)
    assessment.status = "factual_accuracy"  # council leads see evidence from the sending
    assessment.save()
    client.force_login(council_lead)
    response = client.get(reverse("evidence:overview", args=[assessment.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["evidence_overview"].total == 1  # personal data left out
    for number in range(1, 10):
        assert reverse("evidence:statement", args=[assessment.pk, number]) in html
    assert "Add evidence" not in html


def test_evidence_overview_page_is_closed_to_the_public_after_publication(
    client, suffolk, lead_assessor, outside_assessor
):
    published = AssessmentFactory(
        council=suffolk, lead_assessor=lead_assessor, status=AssessmentStatus.PUBLISHED
    )
    client.force_login(outside_assessor)
    assert client.get(reverse("evidence:overview", args=[published.pk])).status_code == 403
