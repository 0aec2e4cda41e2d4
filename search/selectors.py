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
# matches are ranked among this many of the newest matching documents (the page says so).
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
    # More matches than MATCH_LIMIT: `total` is MATCH_LIMIT and ranking covered the newest
    # MATCH_LIMIT matches.
    more: bool = False

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


def visible_documents(user):
    return policy.visible_search_documents(user, SearchDocument.objects.all())


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
    parsed = parse(text)
    results = SearchResults(query=parsed, page=max(1, page))
    if not parsed:
        return results
    filters = filters or SearchFilters()
    visible = _filtered(visible_documents(user), filters)
    # One assessment's documents, or a council user's (one council's), are few enough to
    # check one by one; everything an assessor or admin may see needs the full-text index.
    narrow = bool(filters.assessment_id) or policy.is_council_user(user)
    matches = backends.matching(visible, parsed, narrow=narrow)
    # Counting stops after MATCH_LIMIT + 1 (the database stops reading there too).
    counted = matches.order_by()[: MATCH_LIMIT + 1].count()
    results.more = counted > MATCH_LIMIT
    results.total = min(counted, MATCH_LIMIT)
    if results.more:
        # Rank the newest matches only: found through the date index, never all matches.
        newest = matches.order_by("-date", "-pk").values("pk")[:MATCH_LIMIT]
        matches = backends.matching(
            SearchDocument.objects.filter(pk__in=newest), parsed, narrow=True
        )
    start = (results.page - 1) * PAGE_SIZE
    rows = list(
        matches.select_related("council", "assessment")
        .defer("body", "vector")
        .order_by("-rank", "-date", "pk")[start : start + PAGE_SIZE]
    )
    extracts = backends.snippets(matches, [row.pk for row in rows], parsed)
    labels = dict(registry.choices())
    results.hits = [
        Hit(
            document=row,
            kind_label=labels.get(row.kind, row.kind),
            snippet=highlight(extracts.get(row.pk, "")),
            rank=float(row.rank or 0),
        )
        for row in rows
    ]
    return results


def category_choices() -> list[str]:
    """The evidence categories in use (from the framework, not from a million documents)."""
    from assessments.models import EvidenceCategory

    names = EvidenceCategory.objects.filter(in_use=True).values_list("name", flat=True)
    return sorted(set(names))
