"""Synthetic demo data for the national picture's council returns (issue 18): spending plans
for the improved Better Care Fund of 2017, High Impact Changes self-assessments and a winter
pressures survey. A seeded, reproducible generator; every row's source_file says "synthetic
demo data" and every page that shows them says so. None of it is a fact about any council.

Shaped like the figures the issue cites, nationally: plans split about 44% / 23% / 33% between
the three conditions with large differences between areas; more than half of councils taking
exceptional measures in winter and about 13% providing only "life and limb" care at some
point; "focus on choice" the most mature change and "systems to monitor patient flow" the
least.
"""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal

from councils.models import Council
from grants.models import Grant, SpendingLine, SpendingPlan
from hic.models import ChangeRating, HighImpactChange, SelfAssessment
from national.models import IndicatorDefinition, IndicatorValue, OutcomeDomain
from riskrating.models import RiskStatement
from winter.models import Answer, QuestionKind, Response, Survey

SOURCE = "synthetic demo data (seeded generator demo/seed/picture.py)"
PLAN_SHARES = {1: 0.44, 2: 0.23, 3: 0.33}  # mean shares by condition, as the figures
# Mean maturity by change number: focus on choice (7) highest, patient flow (2) lowest.
HIC_MEANS = {1: 2.9, 2: 2.0, 3: 3.0, 4: 2.7, 5: 2.3, 6: 2.4, 7: 3.5, 8: 2.8}
HIC_DATES = (datetime.date(2017, 6, 30), datetime.date(2018, 3, 31))
EXCEPTIONAL = 0.56
LIFE_AND_LIMB = 0.13


# Our own choice of domain for the demo's ASCOF indicators (not part of ASCOF).
DEMO_DOMAINS = {
    "2C": OutcomeDomain.OLDER_ADULTS,
    "2D": OutcomeDomain.OLDER_ADULTS,
    "1A": OutcomeDomain.ALL_AGE_DISABILITY,
    "1B": OutcomeDomain.ALL_AGE_DISABILITY,
    "2B": OutcomeDomain.ALL_AGE_DISABILITY,
    "2E": OutcomeDomain.ALL_AGE_DISABILITY,
    "3D": OutcomeDomain.ALL_AGE_DISABILITY,
    "2A": OutcomeDomain.INTERFACE,
}
DEMO_YEARS = range(2020, 2025)


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _plan_shares(rng: random.Random, count: int) -> list[dict[int, float]]:
    """Councils' shares, widely spread, scaled (a few rounds of iterative proportional
    fitting) so that their means are PLAN_SHARES."""
    splits = []
    for _ in range(count):
        raw = {n: max(0.02, rng.gauss(share, share * 0.45)) for n, share in PLAN_SHARES.items()}
        total = sum(raw.values())
        splits.append({n: v / total for n, v in raw.items()})
    for _ in range(20):
        for number, target in PLAN_SHARES.items():
            factor = target / (sum(split[number] for split in splits) / count)
            for split in splits:
                split[number] *= factor
        for split in splits:
            total = sum(split.values())
            for number in split:
                split[number] /= total
    return splits


def seed_spending_plans(rng: random.Random, councils: list[Council]) -> None:
    grant = Grant.objects.get(code="ibcf-2017")
    conditions = {c.number: c for c in grant.conditions.all()}
    lines = []
    for council, split in zip(councils, _plan_shares(rng, len(councils)), strict=True):
        total = Decimal(rng.randrange(2_000_000, 40_000_000))
        plan = SpendingPlan.objects.create(
            council=council, grant=grant, year=2017, source_file=SOURCE
        )
        for number, share in split.items():
            planned = (total * Decimal(share)).quantize(Decimal("1"))
            actual = (planned * Decimal(_clip(rng.gauss(0.97, 0.05), 0.8, 1.1))).quantize(
                Decimal("1")
            )
            lines.append(
                SpendingLine(
                    plan=plan, condition=conditions[number], planned=planned, actual=actual
                )
            )
    SpendingLine.objects.bulk_create(lines)


def seed_hic(rng: random.Random, councils: list[Council]) -> None:
    changes = list(HighImpactChange.objects.all())
    ratings = []
    for council in councils:
        drift = rng.gauss(0, 0.4)
        for step, on in enumerate(HIC_DATES):
            assessment = SelfAssessment.objects.create(
                council=council, assessed_on=on, source_file=SOURCE
            )
            for change in changes:
                mean = HIC_MEANS[change.number] - 0.35 * (1 - step) + drift
                level = int(round(_clip(rng.gauss(mean, 0.7), 1, 5)))
                ratings.append(
                    ChangeRating(
                        self_assessment=assessment,
                        change=change,
                        level=level,
                        note="Synthetic demo note.",
                    )
                )
    ChangeRating.objects.bulk_create(ratings)


def seed_winter(rng: random.Random, councils: list[Council]) -> None:
    survey = Survey.objects.get(code="winter-2017-18")
    questions = {q.code: q for q in survey.questions.all()}
    answering = sorted(rng.sample(councils, round(len(councils) * 0.93)), key=lambda c: c.pk)
    exceptional = set(rng.sample(answering, round(len(answering) * EXCEPTIONAL)))
    life_and_limb = set(
        rng.sample(sorted(exceptional, key=lambda c: c.pk), round(len(answering) * LIFE_AND_LIMB))
    )
    answers = []
    for council in answering:
        took = council in exceptional
        values = {
            "exceptional_measures": took,
            "restricting_care": took and rng.random() < 0.6,
            "poorer_providers": took and rng.random() < 0.45,
            "life_sustaining_first": took and (council in life_and_limb or rng.random() < 0.5),
            "life_and_limb": council in life_and_limb,
            "comments": "",
        }
        response = Response.objects.create(
            survey=survey, council=council, source_file=SOURCE, published=rng.random() < 0.1
        )
        for code, value in values.items():
            question = questions[code]
            answers.append(
                Answer(
                    response=response,
                    question=question,
                    yes=value if question.kind == QuestionKind.YES_NO else None,
                    text="" if question.kind == QuestionKind.YES_NO else "Synthetic demo answer.",
                )
            )
    Answer.objects.bulk_create(answers)


def seed_domains(rng: random.Random, councils: list[Council]) -> None:
    """Domains for the demo's ASCOF indicators, and synthetic values (weight 1) for the two
    interface measures: unplanned reviews after a hospital episode around 21% (0% to 77%),
    reablement 42 to 3,048 per 100,000, both shaped like the issue's figures."""
    for code, domain in DEMO_DOMAINS.items():
        IndicatorDefinition.objects.filter(framework="ASCOF", code=code).update(domain=domain)
    measures = IndicatorDefinition.objects.filter(framework="SALT (our derivation)")
    measures.update(outcome_weight=Decimal("1"))
    by_code = {m.code: m for m in measures}
    values = []
    for council in councils:
        hospital = rng.gauss(21, 9)
        reablement = 600 * math.exp(rng.gauss(0, 0.7))
        for year in DEMO_YEARS:
            if "LTS002a-H" in by_code:
                values.append(
                    IndicatorValue(
                        indicator=by_code["LTS002a-H"],
                        council=council,
                        year=year,
                        value=Decimal(f"{_clip(hospital + rng.gauss(0, 3), 0, 77):.1f}"),
                        source_file=SOURCE,
                    )
                )
            if "STS002a-R" in by_code:
                values.append(
                    IndicatorValue(
                        indicator=by_code["STS002a-R"],
                        council=council,
                        year=year,
                        value=Decimal(
                            f"{_clip(reablement * math.exp(rng.gauss(0, 0.1)), 42, 3048):.1f}"
                        ),
                        source_file=SOURCE,
                    )
                )
    IndicatorValue.objects.bulk_create(values)


def seed_picture(*, seed: int = 18) -> None:
    """All three data sets for every council, plus one demo statement beside the risk rating."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    councils = list(Council.objects.order_by("gss_code"))
    seed_domains(rng, councils)
    seed_spending_plans(rng, councils)
    seed_hic(rng, councils)
    seed_winter(rng, councils)
    suffolk = Council.objects.filter(name="Suffolk").first()
    if suffolk is not None:
        RiskStatement.objects.create(
            council=suffolk,
            synthetic=True,
            text=(
                "Synthetic demo statement, not written by the council: this is where a council "
                "explains its pressure level and what it is doing about it."
            ),
        )
