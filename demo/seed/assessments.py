"""Demo scores: the five pilots scored under the earlier rule, and published results of other
councils (deterministic, synthetic) so the national table is full. Called from seed_demo."""

from __future__ import annotations

import datetime
import random

from accounts.models import User
from assessments import scoring
from assessments.models import Assessment, AssessmentStatus, QualityStatement
from assessments.results_import import COLUMNS
from assessments.services import (
    assessment_transition,
    category_score_set,
    published_results_import,
    statement_score_set,
)
from councils.models import Council

# Statement scores for each pilot council (demo data, not CQC's findings). Three of them are
# DESIGN.md's pilot examples: nine 3s (75% good), eight 3s and a 2 (72% good), three 3s and
# six 2s (58% requires improvement).
PILOT_SCORES = {
    "Lincolnshire": [3, 3, 3, 3, 3, 3, 3, 3, 3],
    "Suffolk": [3, 3, 3, 3, 3, 3, 3, 3, 2],
    "Birmingham": [3, 2, 2, 3, 2, 2, 3, 2, 2],
    "North Lincolnshire": [3, 3, 3, 3, 4, 3, 3, 3, 3],
    "Nottingham": [2, 2, 3, 2, 3, 2, 3, 3, 2],
}

# Category scores (people's experience, staff and leaders, partners, processes) that give
# each statement score through the bands; two variants so the pages are not uniform.
CATEGORY_PATTERNS = {
    2: [(2, 2, 3, 2), (2, 3, 2, 2)],  # 56% -> 2
    3: [(3, 3, 3, 3), (3, 4, 3, 2)],  # 75% -> 3
    4: [(4, 4, 3, 4), (4, 4, 4, 3)],  # 94% -> 4
}
CATEGORY_CODES = ["peoples-experience", "staff-leaders-feedback", "partners-feedback", "processes"]

RATIONALES = {
    2: "Some shortfalls: people told us of delays and inconsistent follow-up in {topic}; "
    "partners described improvement plans that are not yet embedded.",
    3: "A good standard: case tracking and what people told us show {topic} works well for "
    "most people; staff and partners gave consistent accounts.",
    4: "An exceptional standard: people, staff and partners consistently described {topic} "
    "as a strength, with outcomes among the best we have seen.",
}

# How many synthetic published results of each rating (a realistic spread: most good).
RESULT_MIX = {
    scoring.OUTSTANDING: 5,
    scoring.GOOD: 76,
    scoring.REQUIRES_IMPROVEMENT: 35,
    scoring.INADEQUATE: 4,
}
EARLIER_RESULTS = 12  # councils that also get an earlier (2024) result, to show history


def _move_to_scoring(*, actor: User, assessment: Assessment) -> None:
    steps = {
        AssessmentStatus.PLANNED: "start_evidence",
        AssessmentStatus.EVIDENCE_GATHERING: "start_scoring",
    }
    for _ in range(2):
        assessment.refresh_from_db()
        if assessment.status in steps:
            assessment_transition(
                actor=actor,
                assessment=assessment,
                action=steps[assessment.status],
                note="Demo data.",
            )
    assessment.refresh_from_db()


def seed_pilot_scores(users: dict[str, User], assessments: list[Assessment]) -> None:
    """Score every statement of each pilot assessment (moved to scoring first if needed)."""
    lead = users["lead"]
    for assessment in assessments:
        scores = PILOT_SCORES.get(assessment.council.name)
        if scores is None:
            continue
        _move_to_scoring(actor=lead, assessment=assessment)
        if assessment.status not in (AssessmentStatus.SCORING, AssessmentStatus.QUALITY_ASSURANCE):
            continue  # moved on by another part of the demo: its scores are not ours to set
        statements = QualityStatement.objects.filter(framework=assessment.framework).order_by(
            "number"
        )
        for statement, score in zip(statements, scores, strict=True):
            scorer = users["assessor"] if statement.number % 2 else lead
            rationale = RATIONALES[score].format(topic=statement.name.lower())
            if assessment.scoring_rule == scoring.CATEGORY_SCORES.code:
                pattern = CATEGORY_PATTERNS[score][statement.number % 2]
                category_score_set(
                    actor=scorer,
                    assessment=assessment,
                    statement=statement,
                    category_scores=dict(zip(CATEGORY_CODES, pattern, strict=True)),
                    rationale=rationale,
                )
            else:
                statement_score_set(
                    actor=scorer,
                    assessment=assessment,
                    statement=statement,
                    score=score,
                    rationale=rationale,
                )


def _scores_for(rng: random.Random, rating: str) -> list[int]:
    """Nine scores, drawn around the rating's typical score, that give exactly `rating`."""
    weights = {
        scoring.OUTSTANDING: [0, 0, 4, 6],
        scoring.GOOD: [0, 2, 9, 1],
        scoring.REQUIRES_IMPROVEMENT: [1, 7, 4, 0],
        scoring.INADEQUATE: [6, 4, 1, 0],
    }[rating]
    while True:
        scores = rng.choices([1, 2, 3, 4], weights=weights, k=9)
        if scoring.overall_result(dict(enumerate(scores, start=1))).rating == rating:
            return scores


def _weekday(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    day = start + datetime.timedelta(days=rng.randrange((end - start).days))
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def published_results_csv(*, exclude: list[str], seed: int = 2025) -> str:
    """A CSV (import format) of synthetic published results for 120 councils, 2024-2025."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    councils = list(Council.objects.exclude(name__in=exclude).order_by("gss_code"))
    chosen = rng.sample(councils, sum(RESULT_MIX.values()))
    ratings = [rating for rating, n in RESULT_MIX.items() for _ in range(n)]
    rng.shuffle(ratings)
    lines = [",".join(COLUMNS)]
    for council, rating in zip(chosen, ratings, strict=True):
        published_on = _weekday(rng, datetime.date(2024, 12, 2), datetime.date(2025, 11, 28))
        lines.append(
            ",".join(
                [
                    council.gss_code,
                    published_on.isoformat(),
                    rating,
                    *map(str, _scores_for(rng, rating)),
                ]
            )
        )
    for council in chosen[:EARLIER_RESULTS]:
        rating = rng.choice([scoring.GOOD, scoring.REQUIRES_IMPROVEMENT])
        published_on = _weekday(rng, datetime.date(2024, 2, 1), datetime.date(2024, 11, 1))
        lines.append(
            ",".join(
                [
                    council.gss_code,
                    published_on.isoformat(),
                    rating,
                    *map(str, _scores_for(rng, rating)),
                ]
            )
        )
    return "\n".join(lines) + "\n"


def seed_scores(users: dict[str, User], assessments: list[Assessment]) -> None:
    """The pilots' scores, then published results for 120 other councils."""
    seed_pilot_scores(users, assessments)
    pilots = [assessment.council.name for assessment in assessments]
    published_results_import(
        actor=users["admin"],
        text=published_results_csv(exclude=pilots),
        source="demo published results",
    )


# A formal assessment in scoring and drafting, so the scoring pages and the what-if panel have
# something live to work on: eight statements at 3 and statement 9 at 2 (72%, good).
OPEN_SCORING_COUNCIL = "Birmingham"
OPEN_SCORING_SCORES = [3, 3, 3, 3, 3, 3, 3, 3, 2]


def seed_assessment_in_scoring(users: dict[str, User]) -> Assessment:
    """Open Birmingham's formal assessment (after its pilot was published) and score it."""
    from assessments.services import assessment_create

    assessment = assessment_create(
        actor=users["admin"],
        council=Council.objects.get(name=OPEN_SCORING_COUNCIL),
        lead_assessor=users["lead"],
        assessors=[users["assessor"]],
        notified_on=datetime.date(2025, 10, 6),
        site_visit_on=datetime.date(2025, 12, 1),
    )
    _move_to_scoring(actor=users["lead"], assessment=assessment)
    statements = QualityStatement.objects.filter(framework=assessment.framework).order_by("number")
    for statement, score in zip(statements, OPEN_SCORING_SCORES, strict=True):
        statement_score_set(
            actor=users["lead"],
            assessment=assessment,
            statement=statement,
            score=score,
            rationale=RATIONALES[score].format(topic=statement.name.lower()),
        )
    return assessment
