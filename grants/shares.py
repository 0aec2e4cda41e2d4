"""Shares of a grant by condition: pure arithmetic on plain values, no Django.

A council's share of a condition is its planned pounds for that condition divided by its
planned pounds for the whole grant (a council that plans nothing in total has no shares). The
national figures summarise councils' shares, each council counting once whatever its size:
the mean, the median, the lowest and the highest, and how many councils there are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import mean, median


def council_shares(amounts: Mapping[int, float]) -> dict[int, float] | None:
    """{condition: share 0-1} of one council's plan, or None when the plan totals nothing."""
    total = sum(amounts.values())
    if total <= 0:
        return None
    return {condition: value / total for condition, value in amounts.items()}


@dataclass(frozen=True)
class Spread:
    councils: int
    mean: float
    median: float
    lowest: float
    highest: float


def spread(shares: Sequence[float]) -> Spread | None:
    """Summary of many councils' shares of one condition (None for no councils)."""
    if not shares:
        return None
    return Spread(len(shares), mean(shares), median(shares), min(shares), max(shares))


def percent(share: float | None) -> str:
    """0.4351 -> '44%' (rounded half up to a whole percentage)."""
    if share is None:
        return ""
    return f"{int(share * 100 + 0.5)}%"
