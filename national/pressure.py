"""Pressure levels 1-4, modelled on the NHS Operational Pressures Escalation Levels (OPEL).
Pure: plain values in and out, no Django.

Rule: each waiting-list count is turned into a rate per 100,000 adults (population 18+):
rate = count * 100,000 / population. A measure is at level 4 when its rate is at or above
its level 4 threshold, else level 3 at or above the level 3 threshold, else level 2 at or
above the level 2 threshold, else level 1. The council's level is the highest level of any
measure; the measure that set it is "the rule that fired" (when several reach the same level,
the one furthest above its threshold, as a share of the threshold).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PER = 100_000

LEVEL_NAMES = {
    1: "Steady",
    2: "Moderate pressure",
    3: "Severe pressure",
    4: "Extreme pressure",
}

LEVEL_DESCRIPTIONS = {
    1: "Waiting lists are within what the council can meet from its usual capacity.",
    2: "Waiting lists are building; the council needs to act to keep people safe while they wait.",
    3: "Waiting lists are long; people are likely to come to harm without extra action.",
    4: "Waiting lists are at a level where the council cannot meet needs in good time.",
}


class PressureError(ValueError):
    """Input the rule cannot use (no population, thresholds that do not rise)."""


@dataclass(frozen=True)
class Thresholds:
    """Rates per 100,000 adults from which a measure is at levels 2, 3 and 4."""

    level_2: float
    level_3: float
    level_4: float

    def __post_init__(self) -> None:
        if not 0 < self.level_2 < self.level_3 < self.level_4:
            raise PressureError("Thresholds must be above zero and rise from level 2 to level 4.")

    def level_for(self, rate: float) -> tuple[int, float | None]:
        """(level, the threshold reached), the threshold None at level 1."""
        for level, threshold in ((4, self.level_4), (3, self.level_3), (2, self.level_2)):
            if rate >= threshold:
                return level, threshold
        return 1, None


@dataclass(frozen=True)
class MeasureLevel:
    measure: str
    label: str
    count: int
    rate: float
    level: int
    threshold: float | None  # the threshold reached (None at level 1)
    next_threshold: float | None  # the threshold of the level above (None at level 4)


@dataclass(frozen=True)
class PressureResult:
    level: int
    fired: MeasureLevel | None  # None when every measure is at level 1
    measures: tuple[MeasureLevel, ...]

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def reason(self) -> str:
        """'Level 3 because waiting over six months is 52 per 100,000 adults (threshold 40)'."""
        if self.fired is None:
            return f"Level {self.level} because every measure is below its level 2 threshold"
        return (
            f"Level {self.level} because {self.fired.label} is {format_rate(self.fired.rate)} "
            f"per 100,000 adults (threshold {format_rate(self.fired.threshold)})"
        )


def format_rate(rate: float | None) -> str:
    """Whole numbers shown plainly, otherwise one decimal place: 52, 52.5."""
    if rate is None:
        return ""
    rounded = round(rate, 1)
    return f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"


def rate_per_100k(count: int, population: int) -> float:
    if population <= 0:
        raise PressureError("The population aged 18 and over must be above zero.")
    return count * PER / population


def pressure_level(
    counts: Mapping[str, int],
    population_18_plus: int,
    thresholds: Mapping[str, Thresholds],
    labels: Mapping[str, str] | None = None,
) -> PressureResult:
    """The pressure level (1-4) of one snapshot and the rule that fired.

    `counts` and `thresholds` are keyed by measure; a measure without thresholds is shown
    but cannot raise the level. Raises PressureError for a population that is not positive.
    """
    labels = labels or {}
    levels = []
    for measure, count in counts.items():
        rate = rate_per_100k(count, population_18_plus)
        limits = thresholds.get(measure)
        if limits is None:
            level, threshold, upper = 1, None, None
        else:
            level, threshold = limits.level_for(rate)
            upper = {1: limits.level_2, 2: limits.level_3, 3: limits.level_4}.get(level)
        levels.append(
            MeasureLevel(
                measure=measure,
                label=labels.get(measure, measure.replace("_", " ")),
                count=count,
                rate=rate,
                level=level,
                threshold=threshold,
                next_threshold=upper,
            )
        )
    top = max((m.level for m in levels), default=1)
    fired = None
    if top > 1:
        fired = max(
            (m for m in levels if m.level == top),
            key=lambda m: m.rate / m.threshold,
        )
    return PressureResult(level=top, fired=fired, measures=tuple(levels))
