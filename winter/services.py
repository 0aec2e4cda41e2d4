"""Writes of winter pressures answers: one council's answers through the portal, and files
loaded by admins (all rows or none). Atomic and audited."""

from __future__ import annotations

from django.db import transaction

from audit.actions import AuditAction
from audit.services import audit_record
from core import datacache, errors
from core.csv_import import DuplicateTracker, read_table
from councils.models import Council
from councils.selectors import councils_by_gss_code
from winter.models import Answer, Question, QuestionKind, Response, Survey

ANSWERS_FORMAT = """\
Winter pressures answers. Columns:
  gss_code   the council's GSS code, e.g. E10000029 (joined on code, never on name)
  survey     the survey's code, e.g. winter-2017-18
  question   the question's code, e.g. exceptional_measures (see the survey page)
  answer     yes or no for a yes-or-no question; any text for a free-text question
  published  optional: yes if the council publishes its own answers (default no)
One row per council, survey and question. A council's answers already loaded for that survey
are replaced. The file is CSV in UTF-8 with a header row (columns in any order). If any row is
wrong nothing is loaded, and every wrong row is listed with its line number (the header is
line 1)."""


class WinterError(errors.DomainError):
    """A refusal fit to show a user."""


def _write(*, actor, survey, council, answers: dict, published: bool, source_file: str):
    response, _ = Response.objects.select_for_update().get_or_create(survey=survey, council=council)
    response.published = published
    response.source_file = source_file[:255]
    response.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    response.save()
    response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=question,
            yes=value if question.kind == QuestionKind.YES_NO else None,
            text=value if question.kind == QuestionKind.TEXT else "",
        )
        for question, value in answers.items()
    )
    return response


@transaction.atomic
def response_save(
    *, actor, survey: Survey, council: Council, answers: dict[Question, object], published: bool
) -> Response:
    """Create or replace a council's answers to a survey (yes/no questions need an answer;
    free text may be empty). Audited."""
    for question in survey.questions.all():
        if question.kind == QuestionKind.YES_NO and answers.get(question) is None:
            raise WinterError(f"Answer: {question.text}", field="answers")
    response = _write(
        actor=actor,
        survey=survey,
        council=council,
        answers={q: v for q, v in answers.items() if q.survey_id == survey.pk},
        published=published,
        source_file="Entered in the portal",
    )
    datacache.data_changed(datacache.NATIONAL_DATA)
    audit_record(
        actor=actor,
        action=AuditAction.WINTER_RESPONSE_SAVE,
        target=response,
        changes={"published": [None, published]},
    )
    return response


@transaction.atomic
def responses_import(*, actor, data: bytes | str, source_file: str) -> int:
    """Load a CSV of answers (ANSWERS_FORMAT); nothing loaded if any row is wrong
    (CsvImportError with line numbers). Returns the number of councils' answers loaded."""
    table = read_table(
        data, required=["gss_code", "survey", "question", "answer"], optional=["published"]
    )
    councils = councils_by_gss_code(table.column_values("gss_code"))
    surveys = {s.code.upper(): s for s in Survey.objects.prefetch_related("questions")}
    seen = DuplicateTracker()
    grouped: dict[tuple, dict] = {}
    published: dict[tuple, bool] = {}
    for row in table.rows:
        council = row.council("gss_code", councils)
        survey = row.lookup("survey", surveys, what="survey")
        code = row.text("question")
        question = None
        if survey and code:
            question = next((q for q in survey.questions.all() if q.code == code.lower()), None)
            if question is None:
                row.problem(f"survey {survey.code} has no question {code!r}")
        value = None
        if question is not None:
            if question.kind == QuestionKind.YES_NO:
                value = row.boolean("answer")
            else:
                value = row.text("answer", required=False, max_length=4000) or ""
        flag = row.boolean("published", required=False)
        if council and survey and question:
            row.check_duplicate(
                seen, (council.pk, survey.pk, question.pk), f"{council.name} {question.code}"
            )
        if row.ok:
            grouped.setdefault((survey, council), {})[question] = value
            published[(survey, council)] = published.get((survey, council), False) or bool(flag)
    table.raise_if_errors()
    for (survey, council), answers in grouped.items():
        _write(
            actor=actor,
            survey=survey,
            council=council,
            answers=answers,
            published=published[(survey, council)],
            source_file=source_file,
        )
    datacache.data_changed(datacache.NATIONAL_DATA)
    first_survey = next(iter(grouped))[0]
    audit_record(
        actor=actor,
        action=AuditAction.WINTER_IMPORT,
        target=first_survey,
        changes={"councils": [None, len(grouped)]},
        note=f"{len(grouped)} councils' answers from {source_file}.",
    )
    return len(grouped)
