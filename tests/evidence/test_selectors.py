"""The overview and statement pages use a fixed number of queries, whatever the item count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import EvidenceCategory, QualityStatement
from evidence import selectors
from evidence.models import Attachment, EvidenceItem

pytestmark = pytest.mark.django_db


def add_items(assessment, author, count: int) -> None:
    """`count` items spread over statements, categories and personal data, each with a file."""
    categories = list(EvidenceCategory.objects.filter(framework=assessment.framework, in_use=True))
    statements = list(QualityStatement.objects.filter(framework=assessment.framework))
    items = EvidenceItem.objects.bulk_create(
        EvidenceItem(
            assessment=assessment,
            category=categories[n % len(categories)],
            route=["held", "requested", "collected"][n % 3],
            source_type="survey",
            title=f"Item {n}",
            narrative="Evidence narrative.",
            direction=["positive", "negative", "neutral"][n % 3],
            effective_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 90),
            contains_personal_data=n % 5 == 0,
            author=author,
        )
        for n in range(count)
    )
    through = EvidenceItem.statements.through
    through.objects.bulk_create(
        through(
            evidenceitem_id=item.pk,
            qualitystatement_id=statements[n % 9].pk,
            assessment_id=item.assessment_id,
        )
        for n, item in enumerate(items)
    )
    through.objects.bulk_create(
        through(
            evidenceitem_id=item.pk,
            qualitystatement_id=statements[0].pk,
            assessment_id=item.assessment_id,
        )
        for n, item in enumerate(items)
        if n % 9 != 0
    )
    Attachment.objects.bulk_create(
        Attachment(
            evidence_item=item,
            original_name=f"file{n}.pdf",
            stored_name=f"evidence/{item.pk}.pdf",
            content_type="application/pdf",
            size=100,
            sha256="0" * 64,
            uploaded_by=author,
        )
        for n, item in enumerate(items)
    )


def count_queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types) so only the page is counted
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("fixture", ["assessor", "council_lead"])
@pytest.mark.parametrize("page", ["assessment", "evidence_overview"])
def test_overview_page_queries_do_not_grow_with_items(client, assessment, request, fixture, page):
    if fixture == "council_lead":
        assessment.status = "factual_accuracy"  # council leads see evidence from the sending
        assessment.save()
    client.force_login(request.getfixturevalue(fixture))
    url = (
        assessment.get_absolute_url()
        if page == "assessment"
        else reverse("evidence:overview", args=[assessment.pk])
    )
    add_items(assessment, assessment.lead_assessor, 10)
    with_10 = count_queries(client, url)
    add_items(assessment, assessment.lead_assessor, 490)
    with_500 = count_queries(client, url)
    assert with_10 == with_500
    # 20, plus one query each for the quality assurance and improvement panels (issue 16).
    assert with_500 <= 22


@pytest.mark.parametrize("fixture", ["assessor", "council_lead"])
def test_statement_page_queries_do_not_grow_with_items(client, assessment, request, fixture):
    if fixture == "council_lead":
        assessment.status = "factual_accuracy"  # council leads see evidence from the sending
        assessment.save()
    client.force_login(request.getfixturevalue(fixture))
    url = reverse("evidence:statement", args=[assessment.pk, 1])
    add_items(assessment, assessment.lead_assessor, 10)
    with_10 = count_queries(client, url)
    add_items(assessment, assessment.lead_assessor, 490)
    with_500 = count_queries(client, url)
    filtered = count_queries(client, url + "?q=Item&route=held&page=2")
    assert with_10 == with_500 == filtered
    assert with_500 <= 15


def test_evidence_detail_queries_are_fixed(client, assessment, assessor):
    add_items(assessment, assessment.lead_assessor, 10)
    item = EvidenceItem.objects.first()
    client.force_login(assessor)
    assert count_queries(client, item.get_absolute_url()) <= 15


def test_overview_counts_match_the_items(assessment, assessor, council_lead):
    add_items(assessment, assessment.lead_assessor, 90)
    assessment.status = "factual_accuracy"  # council leads see evidence from the sending
    assessment.save()
    team_view = selectors.assessment_evidence_overview(assessment=assessment, user=assessor)
    council_view = selectors.assessment_evidence_overview(assessment=assessment, user=council_lead)
    assert team_view.total == 90
    assert council_view.total == 72  # every fifth item holds personal data
    rows = {row.statement.number: row for theme in team_view.themes for row in theme.rows}
    # Statement 1 gets every item (directly or as a second link); the others get 10 each.
    assert rows[1].total == 90
    assert all(rows[n].total == 10 for n in range(2, 10))
