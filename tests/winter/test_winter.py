"""Winter pressures: answers confidential by default, national shares suppressed under 5
councils, CSV all-or-none, the portal form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.csv_import import CsvImportError
from councils.models import Council
from winter import selectors, services, shares
from winter.models import Response, Survey

pytestmark = pytest.mark.django_db


def _survey():
    return Survey.objects.prefetch_related("questions").get(code="winter-2017-18")


def _answer(council, exceptional: bool, published=False, life_and_limb=False):
    survey = _survey()
    values = {
        "exceptional_measures": exceptional,
        "restricting_care": exceptional,
        "poorer_providers": False,
        "life_sustaining_first": False,
        "life_and_limb": life_and_limb,
        "comments": "A hard winter.",
    }
    return services.response_save(
        actor=None,
        survey=survey,
        council=council,
        answers={q: values[q.code] for q in survey.questions.all()},
        published=published,
    )


def test_share_is_suppressed_below_five():
    assert shares.share([True] * 4, suppress_below=5).suppressed
    assert shares.share([True] * 4, suppress_below=5).yes is None
    five = shares.share([True, True, False, False, True], suppress_below=5)
    assert (five.yes, five.answering, five.share) == (3, 5, 0.6)


def test_national_shares_with_suppression_by_region():
    london = list(Council.objects.filter(region_name="London").order_by("pk")[:5])
    north_east = list(Council.objects.filter(region_name="North East").order_by("pk")[:2])
    for n, council in enumerate(london + north_east):
        _answer(council, exceptional=n % 2 == 0, life_and_limb=n == 0)
    data = selectors.survey_shares(survey=_survey())
    row = next(r for r in data.rows if r.question.code == "exceptional_measures")
    assert (row.national.answering, row.national.yes) == (7, 4)
    regions = dict(row.by_region)
    assert regions["North East"].suppressed and regions["North East"].yes is None
    assert not regions["London"].suppressed


def test_confidential_unless_published(client, suffolk, council_lead, other_council_lead):
    _answer(suffolk, True)
    url = reverse("winter:council", args=["winter-2017-18", "E10000029"])
    assert client.get(url).status_code == 404
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 404
    client.force_login(council_lead)
    assert "Confidential" in client.get(url).content.decode()
    Response.objects.update(published=True)
    client.logout()
    assert client.get(url).status_code == 200


def test_national_page_never_shows_a_small_groups_share(client):
    for council in Council.objects.filter(region_name="North East")[:3]:
        _answer(council, True)
    body = client.get(reverse("winter:survey", args=["winter-2017-18"])).content.decode()
    assert "withheld (fewer than 5)" in body
    assert "3 councils answered" in body


def test_import_all_or_none():
    good = "gss_code,survey,question,answer,published\n" + "".join(
        f"E10000029,winter-2017-18,{q},{a},no\n"
        for q, a in (
            ("exceptional_measures", "yes"),
            ("restricting_care", "no"),
            ("poorer_providers", "no"),
            ("life_sustaining_first", "yes"),
            ("life_and_limb", "no"),
            ("comments", "text"),
        )
    )
    assert services.responses_import(actor=None, data=good, source_file="w.csv") == 1
    with pytest.raises(CsvImportError) as caught:
        services.responses_import(
            actor=None,
            data=good.replace("yes,no", "maybe,no", 1) + "E10000029,winter-2017-18,nope,yes,\n",
            source_file="w.csv",
        )
    assert caught.value.errors[0].startswith("Line 2:")
    assert caught.value.errors[-1].startswith("Line 8:")
    assert Response.objects.get().source_file == "w.csv"


def test_portal_form(client, council_lead):
    url = reverse("winter:edit", args=["winter-2017-18", "E10000029"])
    client.force_login(council_lead)
    response = client.post(url, {"exceptional_measures": "yes"})
    assert "govuk-error-summary" in response.content.decode()
    data = {
        "exceptional_measures": "yes",
        "restricting_care": "no",
        "poorer_providers": "no",
        "life_sustaining_first": "yes",
        "life_and_limb": "no",
        "comments": "",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Response.objects.count() == 1


def test_api_shares(api):
    for council in Council.objects.order_by("pk")[:6]:
        _answer(council, True)
    data = api.get(reverse("api:winter-shares", args=["winter-2017-18"])).json()
    assert data["councils"] == 6
    assert data["questions"][0]["national"] == {
        "answering": 6,
        "yes": 6,
        "share": 1.0,
        "suppressed": False,
    }


def test_api_council_answers_confidential_and_written_by_the_council(
    api, token_client, council_lead, other_council_lead
):
    url = reverse("api:winter-council", args=["winter-2017-18", "E10000029"])
    body = {
        "published": False,
        "answers": [
            {"question": "exceptional_measures", "yes": True},
            {"question": "restricting_care", "yes": True},
            {"question": "poorer_providers", "yes": False},
            {"question": "life_sustaining_first", "yes": False},
            {"question": "life_and_limb", "yes": False},
            {"question": "comments", "text": "Hard."},
        ],
    }
    assert api.get(url).status_code == 404
    assert token_client(other_council_lead).put(url, body, format="json").status_code == 403
    lead = token_client(council_lead)
    bad = {**body, "answers": [{"question": "nope", "yes": True}]}
    assert lead.put(url, bad, format="json").status_code == 400
    missing = {**body, "answers": body["answers"][:1]}
    assert lead.put(url, missing, format="json").status_code == 400
    assert lead.put(url, body, format="json").status_code == 200
    assert lead.put(url, body, format="json").status_code == 200  # replaced, not doubled
    assert Response.objects.count() == 1
    assert api.get(url).status_code == 404
    assert token_client(other_council_lead).get(url).status_code == 404
    assert lead.get(url).json()["answers"][0] == {
        "question": "exceptional_measures",
        "yes": True,
        "text": "",
    }
    assert lead.put(url, {**body, "published": True}, format="json").status_code == 200
    assert api.get(url).status_code == 200


@pytest.mark.parametrize("councils", [6, 60])
def test_pages_queries_do_not_grow(client, django_assert_max_num_queries, councils):
    for council in Council.objects.order_by("pk")[:councils]:
        _answer(council, True, published=True)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("winter:survey", args=["winter-2017-18"]))
    assert response.content.decode().count("/winter-2017-18/councils/") == councils
