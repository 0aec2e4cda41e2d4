"""High Impact Changes self-assessments: entry (portal and API), the national ranking by
average maturity and councils per level, a council's change since its previous one, query
counts flat in councils and dates."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from councils.models import Council
from hic import selectors, services
from hic.models import HighImpactChange, MaturityLevel, SelfAssessment

pytestmark = pytest.mark.django_db


def _record(council, on, levels, actor=None):
    changes = list(HighImpactChange.objects.all())
    return services.self_assessment_create(
        actor=actor,
        council=council,
        assessed_on=on,
        ratings={c: (lv, f"note {c.number}") for c, lv in zip(changes, levels, strict=True)},
    )


def test_the_eight_changes_are_the_lgas_and_levels_are_marked_unverified():
    names = list(HighImpactChange.objects.values_list("name", flat=True))
    assert names[0] == "Early discharge planning"
    assert names[1] == "Systems to monitor patient flow"
    assert names[6:] == ["Focus on choice", "Enhancing health in care homes"]
    assert len(names) == 8
    assert all(
        "local.gov.uk" in s for s in HighImpactChange.objects.values_list("source", flat=True)
    )
    assert MaturityLevel.objects.count() == 5
    assert not MaturityLevel.objects.filter(verified=True).exists()


def test_create_refuses_future_dates_repeats_and_missing_changes(suffolk):
    today = datetime.date.today()
    with pytest.raises(services.HicError, match="today or in the past"):
        _record(suffolk, today + datetime.timedelta(days=1), [3] * 8)
    _record(suffolk, today, [3] * 8)
    with pytest.raises(services.HicError, match="already has a self-assessment"):
        _record(suffolk, today, [3] * 8)
    with pytest.raises(services.HicError, match="every change"):
        services.self_assessment_create(
            actor=None, council=suffolk, assessed_on=datetime.date(2020, 1, 1), ratings={}
        )
    assert SelfAssessment.objects.count() == 1
    assert AuditEvent.objects.filter(action="hic.self_assessment_create").count() == 1


def test_national_ranking_uses_each_councils_latest(suffolk, nottingham):
    _record(suffolk, datetime.date(2017, 6, 1), [1] * 8)  # superseded
    _record(suffolk, datetime.date(2018, 3, 1), [3, 1, 3, 3, 3, 3, 5, 3])
    _record(nottingham, datetime.date(2018, 3, 1), [3, 2, 3, 3, 3, 3, 4, 3])
    national = selectors.national_ranking()
    assert national.councils == 2
    assert national.ranks[0].change.name == "Focus on choice"
    assert national.ranks[0].average == 4.5
    assert national.ranks[0].counts == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
    assert national.ranks[-1].change.name == "Systems to monitor patient flow"


def test_council_profile_shows_movement_since_previous(client, suffolk):
    _record(suffolk, datetime.date(2017, 6, 1), [2] * 8)
    _record(suffolk, datetime.date(2018, 3, 1), [3, 2, 1, 2, 2, 2, 2, 2])
    hic = selectors.council_hic(council=suffolk)
    assert [row.movement for row in hic.rows[:3]] == [1, 0, -1]
    body = client.get(reverse("hic:council", args=["E10000029"])).content.decode()
    assert "up 1 from 2" in body and "down 1 from 2" in body and "unchanged" in body


@pytest.mark.parametrize("size", [(3, 1), (30, 3)])
def test_pages_queries_do_not_grow(client, django_assert_max_num_queries, size):
    councils, dates = size
    for council in Council.objects.order_by("pk")[:councils]:
        for n in range(dates):
            _record(council, datetime.date(2017 + n, 3, 1), [3] * 8)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("hic:national")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("hic:council", args=["E10000029"])).status_code == 200


def test_portal_form(client, council_contributor, other_council_lead):
    url = reverse("hic:create", args=["E10000029"])
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 403
    client.force_login(council_contributor)
    data = {"assessed_on-day": "1", "assessed_on-month": "3", "assessed_on-year": "2018"}
    response = client.post(url, {**data, "level_1": "9"})
    assert "govuk-error-summary" in response.content.decode()
    data.update({f"level_{n}": "3" for n in range(1, 9)})
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)  # the same post again records nothing twice
    assert "already has a self-assessment" in response.content.decode()
    assert SelfAssessment.objects.count() == 1


def test_api(api, token_client, council_lead, other_council_lead):
    url = reverse("api:hic-council", args=["E10000029"])
    body = {
        "assessed_on": "2018-03-01",
        "ratings": [{"change": n, "level": 3, "note": "x"} for n in range(1, 9)],
    }
    assert api.post(url, body, format="json").status_code == 401
    assert token_client(other_council_lead).post(url, body, format="json").status_code == 403
    lead = token_client(council_lead)
    bad = {**body, "ratings": [{"change": 1, "level": 6}]}
    assert lead.post(url, bad, format="json").status_code == 400
    assert (
        lead.post(url, {**body, "ratings": body["ratings"][:3]}, format="json").status_code == 400
    )
    assert lead.post(url, body, format="json").status_code == 201
    assert lead.post(url, body, format="json").status_code == 400  # same date again
    assert api.get(url).json()["latest_on"] == "2018-03-01"
    ranks = api.get(reverse("api:hic-national")).json()["ranks"]
    assert ranks[0]["average"] == 3.0 and ranks[0]["counts"]["3"] == 1
