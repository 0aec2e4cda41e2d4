"""Reads of winter pressures surveys: national shares with the number of councils answering
(suppressed below SUPPRESS_BELOW), by region, and a council's own answers (confidential
unless published). Query counts do not grow with the number of councils."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from councils.models import Council
from winter import shares
from winter.models import SUPPRESS_BELOW, Answer, Question, QuestionKind, Response, Survey


def survey_list() -> list[Survey]:
    return list(Survey.objects.prefetch_related("questions"))


def survey_get(*, code: str) -> Survey | None:
    return Survey.objects.prefetch_related("questions").filter(code=code).first()


@dataclass
class QuestionShares:
    question: Question
    national: shares.Share
    by_region: list[tuple[str, shares.Share]]


@dataclass
class SurveyShares:
    survey: Survey
    councils: int
    rows: list[QuestionShares]
    synthetic: bool
    suppress_below: int = SUPPRESS_BELOW


def survey_shares(*, survey: Survey) -> SurveyShares:
    """For each yes-or-no question: councils answering and the share answering yes,
    nationally and by region; any group under SUPPRESS_BELOW councils is suppressed."""
    responses = list(
        Response.objects.filter(survey=survey)
        .select_related("council")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
    )
    rows = []
    for question in survey.questions.all():
        if question.kind != QuestionKind.YES_NO:
            continue
        answers: list[bool] = []
        regions: dict[str, list[bool]] = defaultdict(list)
        for response in responses:
            for answer in response.answers.all():
                if answer.question_id == question.pk and answer.yes is not None:
                    answers.append(answer.yes)
                    regions[response.council.region_name].append(answer.yes)
        rows.append(
            QuestionShares(
                question,
                shares.share(answers, suppress_below=SUPPRESS_BELOW),
                [
                    (name, shares.share(values, suppress_below=SUPPRESS_BELOW))
                    for name, values in sorted(regions.items())
                ],
            )
        )
    return SurveyShares(survey, len(responses), rows, any(r.synthetic for r in responses))


def council_response(*, survey: Survey, council: Council) -> Response | None:
    return (
        Response.objects.filter(survey=survey, council=council)
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
        .first()
    )


def published_responses(*, survey: Survey) -> list[Response]:
    """The councils that chose to publish their own answers."""
    return list(
        Response.objects.filter(survey=survey, published=True)
        .select_related("council")
        .order_by("council__name")
    )
