"""Searching: what the user may see is decided in the query by the permission policy (a
council user never gets a hit, a count or a snippet from what they may not open), then the
database's full-text search matches, ranks and highlights."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import policy
from search import backends, registry
from search.models import SearchDocument
from search.query import ParsedQuery, parse

PAGE_SIZE = 20
# At national scale a common word matches a hundred thousand documents; counting or ranking
# them all costs seconds. Beyond this many matches the count says "more than", and the best
# matches are ranked among this many of the most recently added matches (the page says so).
MATCH_LIMIT = 1000


@dataclass(frozen=True)
class SearchFilters:
    council_id: int | None = None
    assessment_id: int | None = None
    statement_number: int | None = None
    kind: str = ""
    category: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass(frozen=True)
class Hit:
    document: SearchDocument
    kind_label: str
    snippet: SafeString
    rank: float


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = PAGE_SIZE
    # More matches than MATCH_LIMIT: `total` is MATCH_LIMIT and ranking covered the
    # MATCH_LIMIT most recently added matches.
    more: bool = False
    # The assessment searched within (when the filters name one the user may see).
    scope: object | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def count_label(self) -> str:
        return f"more than {self.total:,}" if self.more else f"{self.total:,}"

    @property
    def first(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.page_size)


def highlight(text: str) -> SafeString:
    """Escape the extract, then turn the backend's markers into <mark>."""
    escaped = escape(text or "")
    return mark_safe(  # noqa: S308 (escaped above; only our own tags are added)
        escaped.replace(backends.MARK_START, "<mark>").replace(backends.MARK_END, "</mark>")
    )


def visible_documents(user, *, assessment=None):
    return policy.visible_search_documents(
        user, SearchDocument.objects.all(), assessment=assessment
    )


def scope_assessment(user, assessment_id: int | None):
    """The assessment searched within, if the user may see it."""
    from assessments.selectors import assessment_queryset

    if not assessment_id:
        return None
    assessment = assessment_queryset().filter(pk=assessment_id).first()
    if assessment is None or not policy.can_view_assessment(user, assessment):
        return None
    return assessment


def _filtered(queryset, filters: SearchFilters):
    if filters.council_id:
        queryset = queryset.filter(council_id=filters.council_id)
    if filters.assessment_id:
        queryset = queryset.filter(assessment_id=filters.assessment_id)
    if filters.statement_number:
        queryset = queryset.filter(statements__number=filters.statement_number)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.date_from:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(date__lte=filters.date_to)
    return queryset


def search(user, text: str, filters: SearchFilters | None = None, page: int = 1) -> SearchResults:
    """A page of the best matches the user may open, in at most four queries at any size:
    the user's scopes (none for admins); the page's ids with their rank and the count; the
    page's documents; their snippets.

    The candidates are the MATCH_LIMIT + 1 most recently added matches (read backwards
    through the primary key, whose order is the table's own, so a common word costs a few
    thousand neighbouring pages; or through the full-text index for a rare word: the
    database chooses); their number is the count ("more than MATCH_LIMIT" when the extra
    one exists) and the MATCH_LIMIT most recent of them are ranked."""
    parsed = parse(text)
    results = SearchResults(query=parsed, page=max(1, page))
    filters = filters or SearchFilters()
    results.scope = scope_assessment(user, filters.assessment_id)
    if not parsed or (filters.assessment_id and results.scope is None):
        return results  # nothing asked, or an assessment the user may not see: no count
    visible = _filtered(visible_documents(user, assessment=results.scope), filters)
    # One assessment's documents, or a council user's (one council's), are few enough to
    # check one by one; everything an assessor or admin may see needs the full-text index.
    narrow = bool(filters.assessment_id) or policy.is_council_user(user)
    start = (results.page - 1) * PAGE_SIZE
    page_rows = backends.ranked_page(
        backends.matching(visible, parsed, narrow=narrow),
        parsed,
        limit=MATCH_LIMIT,
        offset=start,
        size=PAGE_SIZE,
    )
    if not page_rows and start:  # past the last page: no hits, and the count of them all
        first = search(user, text, filters, page=1)
        results.total, results.more = first.total, first.more
        return results
    matched = page_rows[0][2] if page_rows else 0
    results.more = matched > MATCH_LIMIT
    results.total = min(matched, MATCH_LIMIT)
    ranks = {pk: rank for pk, rank, _ in page_rows}
    documents = SearchDocument.objects.select_related("council", "assessment").defer(
        "body", "vector"
    )
    by_pk = documents.in_bulk(list(ranks))
    extracts = backends.snippets(SearchDocument.objects.all(), list(ranks), parsed)
    labels = dict(registry.choices())
    results.hits = [
        Hit(
            document=by_pk[pk],
            kind_label=labels.get(by_pk[pk].kind, by_pk[pk].kind),
            snippet=highlight(extracts.get(pk, "")),
            rank=float(rank or 0),
        )
        for pk, rank in ranks.items()
    ]
    return results


def category_choices() -> list[str]:
    """The evidence categories in use (from the framework, not from a million documents)."""
    from assessments.models import EvidenceCategory

    names = EvidenceCategory.objects.filter(in_use=True).values_list("name", flat=True)
    return sorted(set(names))
