"""The search page (from the header's box on every page), its filters and errors, and the
API: same results, 400 with field errors for bad input, queries flat in the hits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def test_the_header_search_box_is_on_every_signed_in_page(client, lead_assessor):
    client.force_login(lead_assessor)
    for url in ("/", reverse("assessments:list"), reverse("accounts:account")):
        html = client.get(url).content.decode()
        assert 'role="search"' in html and 'action="/search/"' in html, url


def test_results_link_to_the_item_and_show_the_snippet(
    client, suffolk_case, lead_assessor, reindex
):
    reindex()
    client.force_login(lead_assessor)
    response = client.get(reverse("search:search"), {"q": "ipswich"})
    html = response.content.decode()
    item = suffolk_case.evidence_items.get(title__startswith="Waiting")
    assert response.status_code == 200
    assert f'href="{item.get_absolute_url()}"' in html
    assert "<mark>Ipswich</mark>" in html
    assert "1 to 1 of 1 result for" in html


def test_searching_within_an_assessment_says_so_and_offers_everything(
    client, suffolk_case, lead_assessor, reindex
):
    reindex()
    client.force_login(lead_assessor)
    html = client.get(
        reverse("search:search"), {"q": "waiting", "assessment": suffolk_case.pk}
    ).content.decode()
    assert "within Suffolk" in html and "Search everything you can see" in html


def test_a_bad_filter_is_shown_in_the_error_summary_with_what_was_typed(
    client, suffolk_case, lead_assessor
):
    client.force_login(lead_assessor)
    html = client.get(
        reverse("search:search"),
        {
            "q": "waiting carers",
            "date_from-day": "31", "date_from-month": "3", "date_from-year": "2025",
            "date_to-day": "1", "date_to-month": "3", "date_to-year": "2025",
        },
    ).content.decode()  # fmt: skip
    assert "There is a problem" in html
    assert "The end date must be the same as or after the start date" in html
    assert 'value="waiting carers"' in html


def test_no_results_says_what_to_try(client, suffolk_case, lead_assessor, reindex):
    reindex()
    client.force_login(lead_assessor)
    html = client.get(reverse("search:search"), {"q": "xylophone"}).content.decode()
    assert "No results for" in html and "End a word with *" in html


def test_the_api_answers_the_same_results(api, suffolk_case, lead_assessor, reindex):
    reindex()
    api.force_authenticate(lead_assessor)
    response = api.get("/api/v1/search/", {"q": "waiting", "statement": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["title"] == "Carers' survey"
    assert body["results"][0]["url"].startswith("/evidence/")


def test_the_api_answers_400_with_field_errors(api, lead_assessor):
    api.force_authenticate(lead_assessor)
    response = api.get(
        "/api/v1/search/",
        {
            "q": "x" * 201,
            "kind": "nonsense",
            "date_from": "2025-03-02",
            "date_to": "2025-03-01",
            "page": "0",
        },
    )
    assert response.status_code == 400
    errors = response.json()
    assert {"q", "kind", "page"} <= set(errors.get("errors", errors)), errors
    assert api.get("/api/v1/search/").json()["count"] == 0  # nothing asked, nothing found


def test_a_nul_character_in_a_filter_is_a_field_error(api, lead_assessor):
    """PostgreSQL refuses NUL in text: the council filter says so before any lookup (found
    by schemathesis as a 500)."""
    api.force_authenticate(lead_assessor)
    response = api.get("/api/v1/search/", {"q": "carers", "council": "E10\x00"})
    assert response.status_code == 400
    errors = response.json()
    assert "council" in errors.get("errors", errors), errors


def test_signed_out_is_asked_to_sign_in(client, api):
    assert client.get(reverse("search:search"), {"q": "x"}).status_code == 302
    assert api.get("/api/v1/search/", {"q": "x"}).status_code == 401


@pytest.mark.parametrize("size", [5, 40])
def test_queries_do_not_grow_with_the_hits(client, suffolk_case, lead_assessor, reindex, size):
    for number in range(size):
        EvidenceItemFactory(assessment=suffolk_case, title=f"Locality review {number}")
    reindex()
    client.force_login(lead_assessor)
    client.get(reverse("search:search"), {"q": "locality"})  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search:search"), {"q": "locality"})
    assert response.status_code == 200
    # Session and user, one scope per searchable kind (read as ids), count, page, snippets.
    assert len(queries) <= 18, [q["sql"][:120] for q in queries]
    test_queries_do_not_grow_with_the_hits.counts = getattr(
        test_queries_do_not_grow_with_the_hits, "counts", {}
    ) | {size: len(queries)}
    counts = test_queries_do_not_grow_with_the_hits.counts
    if len(counts) == 2:
        assert counts[5] == counts[40]


def test_the_assessment_page_offers_a_search_of_that_assessment(
    client, suffolk_case, lead_assessor
):
    client.force_login(lead_assessor)
    html = client.get(suffolk_case.get_absolute_url()).content.decode()
    assert "Search this assessment" in html
    assert f'name="assessment" value="{suffolk_case.pk}"' in html
