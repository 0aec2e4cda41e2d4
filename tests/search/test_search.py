"""Searching with the database in use (SQLite FTS5 in the first run, PostgreSQL's full-text
search in the second): matching, ranking, phrases, prefixes, snippets, filters, files."""

import datetime

from search.selectors import SearchFilters, search
from tests.factories import EvidenceItemFactory
from tests.search.conftest import attach


def _titles(results):
    return [hit.document.title for hit in results.hits]


def test_words_are_stemmed_and_all_must_match(suffolk_case, lead_assessor, reindex):
    reindex()
    assert set(_titles(search(lead_assessor, "waited"))) == {
        "Waiting times for care act assessments",
        "Case note: Mrs A",
        "Carers' survey",
    }
    assert _titles(search(lead_assessor, "waiting ipswich")) == [
        "Waiting times for care act assessments"
    ]
    assert search(lead_assessor, "ipswich nottingham").total == 0


def test_a_title_match_ranks_above_a_body_match(suffolk_case, lead_assessor, reindex):
    reindex()
    titles = _titles(search(lead_assessor, "carers"))
    assert titles[0] == "Carers' survey"
    assert "Case note: Mrs A" in titles


def test_phrase_and_prefix(suffolk_case, lead_assessor, reindex):
    reindex()
    assert _titles(search(lead_assessor, '"direct payments"')) == ["Carers' survey"]
    assert search(lead_assessor, '"payments direct"').total == 0
    assert "Waiting times for care act assessments" in _titles(search(lead_assessor, "ipsw*"))


def test_snippets_mark_the_words_and_escape_the_text(suffolk_case, lead_assessor, reindex):
    EvidenceItemFactory(
        assessment=suffolk_case,
        title="Provider letter",
        narrative="The provider wrote <script>alert(1)</script> about reablement capacity.",
    )
    reindex()
    (hit,) = search(lead_assessor, "reablement").hits
    assert "<mark>reablement</mark>" in hit.snippet.lower()
    # SQLite shows the tag as escaped text; PostgreSQL's headline drops tags: never markup.
    assert "<script>" not in hit.snippet
    assert "alert(1)" in hit.snippet


def test_filters_by_statement_category_date_council_and_kind(suffolk_case, lead_assessor, reindex):
    reindex()
    by_statement = search(lead_assessor, "waiting", SearchFilters(statement_number=2))
    assert _titles(by_statement) == ["Carers' survey"]
    by_date = search(
        lead_assessor,
        "waiting",
        SearchFilters(date_from=datetime.date(2025, 3, 1), date_to=datetime.date(2025, 3, 11)),
    )
    assert _titles(by_date) == ["Carers' survey"]
    assert search(lead_assessor, "waiting", SearchFilters(kind="finding")).total == 0
    category = suffolk_case.framework.evidence_categories.get(code="peoples-experience").name
    assert search(lead_assessor, "waiting", SearchFilters(category=category)).total == 3
    other = suffolk_case.council_id + 100000
    assert search(lead_assessor, "waiting", SearchFilters(council_id=other)).total == 0
    within = search(lead_assessor, "waiting", SearchFilters(assessment_id=suffolk_case.pk))
    assert within.total == 3


def test_attachment_text_is_found_and_an_unreadable_file_by_its_name(
    suffolk_case, lead_assessor, reindex
):
    item = suffolk_case.evidence_items.first()
    attach(item, "safeguarding-audit.pdf", text="Section 42 enquiries closed within 28 days.")
    attach(item, "scanned-minutes.pdf", status="failed", note="No text layer.")
    reindex()
    (hit,) = search(lead_assessor, "enquiries").hits
    assert hit.document.pk and hit.document.object_id == item.pk
    (by_name,) = search(lead_assessor, "scanned").hits
    assert "scanned-minutes.pdf could not be read" in by_name.document.note


def test_withdrawn_evidence_is_not_found(suffolk_case, lead_assessor, reindex):
    item = suffolk_case.evidence_items.get(title__startswith="Waiting")
    item.withdrawn_at = datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC)
    item.withdrawn_reason = "Duplicate"
    item.save()
    reindex()
    assert "Waiting times for care act assessments" not in _titles(search(lead_assessor, "waited"))


def test_results_page_through_twenty_at_a_time(suffolk_case, lead_assessor, reindex):
    for number in range(45):
        EvidenceItemFactory(assessment=suffolk_case, title=f"Locality review {number}")
    reindex()
    first = search(lead_assessor, "locality")
    third = search(lead_assessor, "locality", page=3)
    assert (first.total, first.pages, len(first.hits), len(third.hits)) == (45, 3, 20, 5)
    assert (third.first, third.last) == (41, 45)


def test_beyond_the_match_limit_it_counts_more_than_and_ranks_the_most_recently_added(
    suffolk_case, lead_assessor, reindex, monkeypatch, client
):
    from search import selectors

    monkeypatch.setattr(selectors, "MATCH_LIMIT", 5)
    for day in range(1, 9):
        EvidenceItemFactory(
            assessment=suffolk_case,
            title=f"Locality review {day}",
            effective_date=datetime.date(2025, 5, day),
        )
    reindex()
    results = search(lead_assessor, "locality")
    assert (results.total, results.more, results.count_label) == (5, True, "more than 5")
    # Added in date order: the five most recently added are the last five days.
    assert {hit.document.date.day for hit in results.hits} == {4, 5, 6, 7, 8}
    client.force_login(lead_assessor)
    html = client.get("/search/", {"q": "locality"}).content.decode()
    assert "of more than 5 results" in html
    assert "the best matches among the 5 most recently added" in html
