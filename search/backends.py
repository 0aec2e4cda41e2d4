"""The two databases' full-text search behind one interface: `matching` keeps the documents
that match, `ranked` annotates their `rank` (higher is better); `snippets` gives highlighted
extracts of a page of hits, with the matched words between MARK_START and MARK_END."""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL

from search.query import ParsedQuery

MARK_START, MARK_END = "⟦", "⟧"
SNIPPET_WORDS = 24


def _postgres_query(parsed: ParsedQuery) -> SearchQuery:
    return SearchQuery(parsed.postgres(), search_type="raw", config="english")


class _Unindexed(Func):
    """The stored vector as an expression the GIN index cannot answer, so the database
    checks the few documents another index found instead of reading every match of a
    common word from the GIN index (100,000 at national scale)."""

    template = "(%(expressions)s || ''::tsvector)"
    output_field = SearchVectorField()


def matching(queryset: QuerySet, parsed: ParsedQuery, *, narrow: bool = False) -> QuerySet:
    """The documents of `queryset` that match. `narrow`: the queryset is already confined to
    a few thousand documents (one assessment, one council's): check those rather than use
    the full-text index."""
    if connection.vendor == "postgresql":
        query = _postgres_query(parsed)
        if narrow:
            return queryset.annotate(_vector=_Unindexed(F("vector"))).filter(_vector=query)
        return queryset.filter(vector=query)
    return queryset.filter(
        pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [parsed.fts5()])
    )


def ranked(queryset: QuerySet, parsed: ParsedQuery) -> QuerySet:
    """Annotate `rank` (higher is better) on documents known to match."""
    if connection.vendor == "postgresql":
        return queryset.annotate(rank=SearchRank(F("vector"), _postgres_query(parsed)))
    table = queryset.model._meta.db_table
    return queryset.annotate(
        # bm25 is lower for better matches; title counts twice the body.
        # The table name is the model's own, never input; the match is a parameter.
        rank=RawSQL(  # noqa: S611
            "SELECT -bm25(search_fts, 2.0, 1.0) FROM search_fts "  # noqa: S608
            f'WHERE search_fts MATCH %s AND search_fts.rowid = "{table}"."id"',
            [parsed.fts5()],
            output_field=FloatField(),
        )
    )


def ranked_page(
    matches: QuerySet, parsed: ParsedQuery, *, limit: int, offset: int, size: int
) -> list[tuple[int, float, int]]:
    """(pk, rank, candidates) of one page of the best of the `limit` most recently added
    matches, best first; `candidates` counts them, up to `limit` + 1 (so more than `limit`
    means there are more matches). One query: the candidates are read once, ranked as they
    are read, then counted and ordered by window functions."""
    candidates = (
        ranked(matches, parsed)
        .annotate(doc_id=F("pk"), doc_date=F("date"))
        .order_by("-pk")
        .values_list("doc_id", "doc_date", "rank")[: limit + 1]
    )
    try:
        inner, params = candidates.query.sql_with_params()
    except EmptyResultSet:  # nothing the user may see (e.g. signed out)
        return []
    # Only Django's own compiled SQL is formatted in; every value stays a parameter.
    sql = (
        "SELECT doc_id, rank, candidates FROM ("  # noqa: S608
        "SELECT c.doc_id, c.doc_date, c.rank, COUNT(*) OVER () AS candidates, "
        "ROW_NUMBER() OVER (ORDER BY c.doc_id DESC) AS recency "
        f"FROM ({inner}) c) w WHERE recency <= %s "
        "ORDER BY rank DESC, doc_date DESC, doc_id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, size, offset])
        return [(pk, rank, count) for pk, rank, count in cursor.fetchall()]


def snippets(queryset: QuerySet, pks: list[int], parsed: ParsedQuery) -> dict[int, str]:
    if not pks:
        return {}
    if connection.vendor == "postgresql":
        rows = (
            queryset.model.objects.filter(pk__in=pks)
            .annotate(
                snippet=SearchHeadline(
                    "body",
                    _postgres_query(parsed),
                    config="english",
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=SNIPPET_WORDS + 6,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "snippet")
        )
        return dict(rows)
    placeholders = ", ".join("%s" for _ in pks)
    with connection.cursor() as cursor:
        # Only placeholders are formatted in; every value is a parameter.
        cursor.execute(
            "SELECT rowid, snippet(search_fts, 1, %s, %s, ' … ', %s) FROM search_fts "  # noqa: S608
            f"WHERE search_fts MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, SNIPPET_WORDS, parsed.fts5(), *pks],
        )
        return dict(cursor.fetchall())
