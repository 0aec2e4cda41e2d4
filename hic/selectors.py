"""Reads of High Impact Changes self-assessments: the national ranking of changes by average
maturity and the councils at each level (from each council's latest self-assessment), and one
council's latest self-assessment beside its previous one. Query counts do not grow with the
numbers of councils or dates."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Prefetch, QuerySet

from councils.models import Council
from hic.models import ChangeRating, HighImpactChange, MaturityLevel, SelfAssessment


def changes() -> list[HighImpactChange]:
    return list(HighImpactChange.objects.all())


def levels() -> list[MaturityLevel]:
    return list(MaturityLevel.objects.all())


def _with_ratings(queryset: QuerySet[SelfAssessment]) -> QuerySet[SelfAssessment]:
    return queryset.select_related("council").prefetch_related(
        Prefetch("ratings", queryset=ChangeRating.objects.select_related("change"))
    )


@dataclass
class ChangeRank:
    change: HighImpactChange
    average: float | None
    counts: dict[int, int]  # level -> councils
    councils: int


@dataclass
class NationalHic:
    ranks: list[ChangeRank]
    levels: list[MaturityLevel]
    councils: int
    synthetic: bool


def latest_self_assessments() -> list[SelfAssessment]:
    """Each council's latest self-assessment with its ratings (3 queries)."""
    latest = (
        SelfAssessment.objects.values("council_id")
        .annotate(latest=Max("assessed_on"))
        .values_list("council_id", "latest")
    )
    wanted = dict(latest)
    rows = _with_ratings(SelfAssessment.objects.filter(assessed_on__in=set(wanted.values())))
    return [a for a in rows if wanted.get(a.council_id) == a.assessed_on]


def national_ranking() -> NationalHic:
    """The changes ranked by average maturity (highest first; ties by number), with how many
    councils are at each level, from each council's latest self-assessment."""
    latest = latest_self_assessments()
    all_levels = levels()
    by_change: dict[int, list[int]] = {}
    for assessment in latest:
        for rating in assessment.ratings.all():
            by_change.setdefault(rating.change_id, []).append(rating.level)
    ranks = []
    for change in changes():
        values = by_change.get(change.pk, [])
        counts = {level.number: values.count(level.number) for level in all_levels}
        average = sum(values) / len(values) if values else None
        ranks.append(ChangeRank(change, average, counts, len(values)))
    ranks.sort(key=lambda r: (-(r.average or 0), r.change.number))
    return NationalHic(ranks, all_levels, len(latest), any(a.synthetic for a in latest))


@dataclass
class CouncilChange:
    change: HighImpactChange
    level: int | None
    note: str
    previous: int | None

    @property
    def movement(self) -> int | None:
        if self.level is None or self.previous is None:
            return None
        return self.level - self.previous


@dataclass
class CouncilHic:
    council: Council
    latest: SelfAssessment | None
    previous: SelfAssessment | None
    rows: list[CouncilChange]
    dates: list


def council_hic(*, council: Council) -> CouncilHic:
    """The council's latest self-assessment and its change since the previous one."""
    assessments = list(
        _with_ratings(SelfAssessment.objects.filter(council=council)).order_by("-assessed_on")
    )
    latest = assessments[0] if assessments else None
    previous = assessments[1] if len(assessments) > 1 else None

    def by_change(assessment):
        return {r.change_id: r for r in assessment.ratings.all()} if assessment else {}

    now, before = by_change(latest), by_change(previous)
    rows = [
        CouncilChange(
            change,
            now[change.pk].level if change.pk in now else None,
            now[change.pk].note if change.pk in now else "",
            before[change.pk].level if change.pk in before else None,
        )
        for change in changes()
    ]
    return CouncilHic(council, latest, previous, rows, [a.assessed_on for a in assessments])
