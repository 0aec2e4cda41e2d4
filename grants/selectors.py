"""Reads of spending plans: the national shares by condition (mean, median, spread, by region
and council type) and one council's split beside them. Query counts do not grow with the
number of councils or years."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from councils.models import Council
from grants import shares
from grants.models import Grant, GrantCondition, SpendingLine, SpendingPlan


def grant_list() -> QuerySet[Grant]:
    return Grant.objects.prefetch_related("conditions")


def grant_get(*, code: str) -> Grant | None:
    return Grant.objects.prefetch_related("conditions").filter(code=code).first()


def plan_years(*, grant: Grant) -> list[int]:
    return sorted(
        SpendingPlan.objects.filter(grant=grant).values_list("year", flat=True).distinct(),
        reverse=True,
    )


@dataclass
class CouncilSplit:
    council: Council
    plan: SpendingPlan
    shares: dict[int, float]  # condition number -> share
    total_planned: float
    total_actual: float | None


@dataclass
class NationalShares:
    grant: Grant
    year: int | None
    conditions: list[GrantCondition]
    national: dict[int, shares.Spread | None]
    by_region: list[tuple[str, int, dict[int, float]]]  # name, councils, mean share
    by_type: list[tuple[str, int, dict[int, float]]]
    councils: list[CouncilSplit] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        return any(split.plan.synthetic for split in self.councils)

    @property
    def answering(self) -> int:
        return len(self.councils)


def _split(plan: SpendingPlan) -> CouncilSplit | None:
    lines = list(plan.lines.all())
    amounts = {line.condition.number: float(line.planned) for line in lines}
    split = shares.council_shares(amounts)
    if split is None:
        return None
    actuals = [line.actual for line in lines]
    total_actual = float(sum(actuals)) if actuals and all(a is not None for a in actuals) else None
    return CouncilSplit(plan.council, plan, split, sum(amounts.values()), total_actual)


def _means(splits: list[CouncilSplit], numbers: list[int]) -> dict[int, float]:
    return {n: sum(s.shares.get(n, 0) for s in splits) / len(splits) for n in numbers}


def national_shares(
    *, grant: Grant, year: int | None, region_code: str = "", council_type: str = ""
) -> NationalShares:
    """Each condition's share of councils' planned spend in a year: the national mean,
    median, lowest and highest, the mean by region and by council type, and every council's
    split (3 queries, whatever the number of councils)."""
    conditions = list(grant.conditions.all())
    numbers = [c.number for c in conditions]
    plans = SpendingPlan.objects.filter(grant=grant, year=year).select_related("council")
    if region_code:
        plans = plans.filter(council__region_code=region_code)
    if council_type:
        plans = plans.filter(council__council_type=council_type)
    plans = plans.prefetch_related(
        Prefetch("lines", queryset=SpendingLine.objects.select_related("condition"))
    ).order_by("council__name")
    splits = [s for s in (_split(p) for p in plans) if s is not None]
    national = {n: shares.spread([s.shares.get(n, 0) for s in splits]) for n in numbers}
    regions: dict[str, list[CouncilSplit]] = defaultdict(list)
    types: dict[str, list[CouncilSplit]] = defaultdict(list)
    for split in splits:
        regions[split.council.region_name].append(split)
        types[split.council.get_council_type_display()].append(split)
    return NationalShares(
        grant=grant,
        year=year,
        conditions=conditions,
        national=national,
        by_region=[
            (name, len(group), _means(group, numbers)) for name, group in sorted(regions.items())
        ],
        by_type=[
            (name, len(group), _means(group, numbers)) for name, group in sorted(types.items())
        ],
        councils=splits,
    )


def council_plans(*, council: Council) -> list[SpendingPlan]:
    """Every plan of a council, newest year first, with its lines (2 queries)."""
    return list(
        SpendingPlan.objects.filter(council=council)
        .select_related("grant", "council")
        .prefetch_related(
            Prefetch("lines", queryset=SpendingLine.objects.select_related("condition"))
        )
        .order_by("grant__code", "-year")
    )


def council_split(*, plan: SpendingPlan) -> CouncilSplit | None:
    return _split(plan)


def plan_for(*, council: Council, grant: Grant, year: int) -> SpendingPlan | None:
    return (
        SpendingPlan.objects.filter(council=council, grant=grant, year=year)
        .prefetch_related(
            Prefetch("lines", queryset=SpendingLine.objects.select_related("condition"))
        )
        .first()
    )
