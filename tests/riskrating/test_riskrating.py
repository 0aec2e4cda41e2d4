"""The public risk rating: no sign-in, the rule that set each level, the data date and the
history; the council's statement; the JSON endpoint; a valid Atom feed of changes of level,
parsed back; query counts flat in councils and dates."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from councils.models import Council
from national.models import CouncilSpend, PressureMeasure, PressureThresholds, WaitingListSnapshot
from riskrating import selectors, services

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _thresholds():
    for measure in PressureMeasure.values:
        PressureThresholds.objects.update_or_create(
            measure=measure,
            effective_from=datetime.date(2024, 1, 1),
            defaults={"level_2_from": 100, "level_3_from": 200, "level_4_from": 300},
        )


def _waiting(council, on, awaiting, source="synthetic demo data"):
    CouncilSpend.objects.get_or_create(
        council=council,
        year=on.year if on.month >= 4 else on.year - 1,
        defaults={"gross_current_expenditure": Decimal(1), "population_18_plus": 100_000},
    )
    WaitingListSnapshot.objects.create(
        council=council,
        snapshot_date=on,
        awaiting_assessment=awaiting,
        waiting_over_six_months=0,
        awaiting_service_start=0,
        overdue_reviews=0,
        source_file=source,
    )


@pytest.fixture
def histories(suffolk, nottingham):
    _thresholds()
    _waiting(suffolk, datetime.date(2024, 6, 30), 50)
    _waiting(suffolk, datetime.date(2024, 9, 30), 250)
    _waiting(suffolk, datetime.date(2024, 12, 31), 250)
    _waiting(nottingham, datetime.date(2024, 9, 30), 350)


def test_current_level_rule_date_and_changes(histories):
    risks = selectors.risk_ratings()
    assert [r.council.name for r in risks] == ["Nottingham", "Suffolk"]
    suffolk = risks[1]
    assert suffolk.current.result.level == 3
    assert suffolk.current.snapshot.snapshot_date == datetime.date(2024, 12, 31)
    assert suffolk.current.result.reason.startswith("Level 3 because awaiting assessment is 250")
    assert [(c.previous_level, c.level) for c in suffolk.changes] == [(None, 1), (1, 3)]
    assert selectors.level_changes()[0].title == "Suffolk: pressure level rose from 1 to 3"


def test_public_page_without_sign_in(client, histories, suffolk, council_lead):
    services.risk_statement_save(actor=council_lead, council=suffolk, text="We are recruiting.")
    response = client.get(reverse("riskrating:page"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "synthetic demo data" in body
    assert "Level 3 because awaiting assessment is 250" in body
    assert "31 December 2024" in body
    assert "We are recruiting." in body
    assert 'type="application/atom+xml"' in body


def test_statement_form_is_the_councils(client, council_lead, other_council_lead):
    url = reverse("riskrating:statement_edit", args=["E10000029"])
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 403
    client.force_login(council_lead)
    assert "govuk-error-summary" in client.post(url, {"text": ""}).content.decode()
    assert client.post(url, {"text": "Our statement"}).status_code == 302
    assert client.post(url, {"text": "Our statement"}).status_code == 302
    assert (
        selectors.statement_for(council=Council.objects.get(name="Suffolk")).text == "Our statement"
    )


def test_atom_feed_parses(client, histories):
    response = client.get(reverse("riskrating:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[0] == "Suffolk: pressure level rose from 1 to 3"
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("risk-rating:")
        assert entry.find(f"{ATOM}updated").text.startswith("2024-")
        assert "synthetic demo data" in entry.find(f"{ATOM}summary").text


def test_json_endpoint(api, histories):
    data = api.get(reverse("api:risk-ratings")).json()["results"]
    assert data[0]["council"]["name"] == "Nottingham" and data[0]["level"] == 4
    assert data[1]["data_date"] == "2024-12-31" and data[1]["synthetic"] is True
    assert [h["level"] for h in data[1]["history"]] == [1, 3, 3]


@pytest.mark.parametrize("size", [(3, 1), (30, 4)])
def test_queries_do_not_grow(client, api, django_assert_max_num_queries, size):
    councils, dates = size
    _thresholds()
    for council in Council.objects.order_by("pk")[:councils]:
        for n in range(dates):
            _waiting(council, datetime.date(2024, 3, 31) + datetime.timedelta(days=91 * n), 100 * n)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("riskrating:page")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("riskrating:feed")).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get(reverse("api:risk-ratings")).json()["count"] == councils


def test_statement_api(api, token_client, council_lead, other_council_lead):
    url = reverse("api:risk-statement", args=["E10000029"])
    assert api.put(url, {"text": "x"}, format="json").status_code == 401
    assert (
        token_client(other_council_lead).put(url, {"text": "x"}, format="json").status_code == 403
    )
    lead = token_client(council_lead)
    assert lead.put(url, {"text": ""}, format="json").status_code == 400
    assert lead.put(url, {"text": "y" * 2001}, format="json").status_code == 400
    response = lead.put(url, {"text": "We are recruiting."}, format="json")
    assert response.status_code == 200 and response.json()["text"] == "We are recruiting."
