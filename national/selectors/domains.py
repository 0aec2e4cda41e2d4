"""Outcomes per pound by domain (issue 18): the same method as the overall ranking
(national.outcomes), run on the indicators of one domain at a time, and each council's
position in each domain with its movement since the previous year.

How domains combine: the overall ranking is the method run on every weighted indicator, so a
domain counts in it in proportion to the weights of its indicators (an indicator with no
domain still counts overall). A fixed number of queries whatever the numbers of councils and
years (three per domain and year pair, cached until the national data changes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from councils.models import Council
from national import outcomes
from national.models import IndicatorDefinition, OutcomeDomain
from national.selectors.outcomes import outcomes_for_years, ranking_year


@dataclass(frozen=True)
class DomainPosition:
    domain: str
    label: str
    position: int | None
    of: int
    previous: int | None
    movement: str
    outcomes_per_pound: float | None


@dataclass
class DomainPositions:
    year: int | None
    domains: list[tuple[str, str, list[IndicatorDefinition]]] = field(default_factory=list)
    by_council: dict[int, list[DomainPosition]] = field(default_factory=dict)


def domain_indicators() -> dict[str, list[IndicatorDefinition]]:
    """The weighted indicators of each domain (one query)."""
    grouped: dict[str, list[IndicatorDefinition]] = {d: [] for d in OutcomeDomain.values}
    for indicator in IndicatorDefinition.objects.filter(outcome_weight__gt=0).exclude(domain=""):
        grouped[indicator.domain].append(indicator)
    return grouped


def domain_positions(*, year: int | None = None, council: Council | None = None) -> DomainPositions:
    """Every council's (or one council's) position in each domain in a year (default: the
    latest that can be ranked) and the year before, with its movement in words."""
    year = ranking_year(year)
    result = DomainPositions(year=year)
    if year is None:
        return result
    labels = dict(OutcomeDomain.choices)
    for domain, indicators in domain_indicators().items():
        result.domains.append((domain, labels[domain], indicators))
        if not indicators:
            continue
        results = outcomes_for_years([year, year - 1], indicators=indicators)
        now, before = results[year], results[year - 1]
        earlier = {row.council: row.position for row in before.ranking}
        for row in now.ranking:
            if council is not None and row.council != council.pk:
                continue
            previous = earlier.get(row.council)
            result.by_council.setdefault(row.council, []).append(
                DomainPosition(
                    domain,
                    labels[domain],
                    row.position,
                    len(now.ranking),
                    previous,
                    outcomes.movement(row.position, previous),
                    row.outcomes_per_pound,
                )
            )
    return result


@dataclass(frozen=True)
class DomainRow:
    council: Council
    positions: dict[str, DomainPosition]


def domain_table(
    *, year: int | None = None, region_code: str = "", council_type: str = ""
) -> tuple[DomainPositions, list[DomainRow]]:
    """Every ranked council's positions by domain (filtered by region and type; positions
    stay national), by council name."""
    positions = domain_positions(year=year)
    councils = Council.objects.in_bulk(list(positions.by_council))
    rows = []
    for council_id, entries in positions.by_council.items():
        council = councils[council_id]
        if region_code and council.region_code != region_code:
            continue
        if council_type and council.council_type != council_type:
            continue
        rows.append(DomainRow(council, {entry.domain: entry for entry in entries}))
    rows.sort(key=lambda row: row.council.name)
    return positions, rows


def indicator_definitions() -> list[IndicatorDefinition]:
    """Every indicator defined, weighted or not, with its domain (the method page)."""
    return list(IndicatorDefinition.objects.order_by("domain", "framework", "code"))
