"""Statement and category score services, the frozen result and the import of results."""

import datetime

import pytest

from assessments import scoring
from assessments.models import (
    Assessment,
    AssessmentStatus,
    CategoryScore,
    QualityStatement,
    StatementScore,
    StatusTransition,
)
from assessments.services import (
    AssessmentError,
    ResultsImportError,
    assessment_freeze_result,
    category_score_set,
    published_results_import,
    statement_score_set,
)
from audit.models import AuditEvent
from tests.factories import AssessmentFactory, council

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring_assessment(suffolk, lead_assessor, assessor):
    return AssessmentFactory(
        council=suffolk,
        status=AssessmentStatus.SCORING,
        lead_assessor=lead_assessor,
        assessors=[assessor],
    )


@pytest.fixture
def earlier_rule_assessment(nottingham, lead_assessor, assessor):
    return AssessmentFactory(
        council=nottingham,
        status=AssessmentStatus.SCORING,
        scoring_rule=scoring.CATEGORY_SCORES.code,
        lead_assessor=lead_assessor,
        assessors=[assessor],
    )


def statement(assessment, number):
    return QualityStatement.objects.get(framework=assessment.framework, number=number)


# ---- statement scores (current rule) ------------------------------------------------------


def test_team_member_sets_a_score_with_rationale_and_it_is_audited(scoring_assessment, assessor):
    qs = statement(scoring_assessment, 4)
    row = statement_score_set(
        actor=assessor,
        assessment=scoring_assessment,
        statement=qs,
        score=3,
        rationale="Joined-up care in most cases tracked.",
        expected_version=0,
    )
    assert (row.score, row.scored_by, row.version) == (3, assessor, 1)
    assert row.descriptor == "3 - Evidence shows a good standard"
    assert row.scored_at is not None
    event = AuditEvent.objects.get(action="score.set")
    assert event.assessment == scoring_assessment
    assert event.changes["score"] == [None, 3]
    assert event.changes["rationale"] == [None, "Joined-up care in most cases tracked."]


def test_changing_a_score_records_before_and_after(scoring_assessment, assessor, lead_assessor):
    qs = statement(scoring_assessment, 1)
    statement_score_set(
        actor=assessor, assessment=scoring_assessment, statement=qs, score=2, rationale="Some."
    )
    row = statement_score_set(
        actor=lead_assessor,
        assessment=scoring_assessment,
        statement=qs,
        score=3,
        rationale="Better on review.",
        expected_version=1,
    )
    assert row.version == 2
    last = AuditEvent.objects.filter(action="score.set").order_by("-pk").first()
    assert last.changes["score"] == [2, 3]
    assert last.changes["rationale"] == ["Some.", "Better on review."]
    assert last.changes["scored_by"] == [str(assessor), str(lead_assessor)]


def test_stale_version_is_refused(scoring_assessment, assessor, lead_assessor):
    qs = statement(scoring_assessment, 2)
    statement_score_set(
        actor=assessor, assessment=scoring_assessment, statement=qs, score=2, rationale="A."
    )
    with pytest.raises(AssessmentError, match="Someone else changed this score"):
        statement_score_set(
            actor=lead_assessor,
            assessment=scoring_assessment,
            statement=qs,
            score=4,
            rationale="B.",
            expected_version=0,  # saw the page before the first score landed
        )
    assert StatementScore.objects.get(assessment=scoring_assessment, statement=qs).score == 2


@pytest.mark.parametrize(
    "status",
    [
        AssessmentStatus.PLANNED,
        AssessmentStatus.EVIDENCE_GATHERING,
        AssessmentStatus.FACTUAL_ACCURACY,
    ],
)
def test_scores_only_in_scoring_or_quality_assurance(scoring_assessment, assessor, status):
    Assessment.objects.filter(pk=scoring_assessment.pk).update(status=status)
    scoring_assessment.refresh_from_db()
    with pytest.raises(AssessmentError, match="only during scoring"):
        statement_score_set(
            actor=assessor,
            assessment=scoring_assessment,
            statement=statement(scoring_assessment, 1),
            score=3,
            rationale="R",
        )
    assert not StatementScore.objects.exists()


def test_quality_assurance_allows_scoring(scoring_assessment, assessor):
    Assessment.objects.filter(pk=scoring_assessment.pk).update(
        status=AssessmentStatus.QUALITY_ASSURANCE
    )
    scoring_assessment.refresh_from_db()
    row = statement_score_set(
        actor=assessor,
        assessment=scoring_assessment,
        statement=statement(scoring_assessment, 1),
        score=4,
        rationale="R",
    )
    assert row.score == 4


def test_outsiders_and_council_leads_cannot_score(
    scoring_assessment, outside_assessor, council_lead
):
    for user in (outside_assessor, council_lead):
        with pytest.raises(AssessmentError, match="Only the assessment team"):
            statement_score_set(
                actor=user,
                assessment=scoring_assessment,
                statement=statement(scoring_assessment, 1),
                score=3,
                rationale="R",
            )


@pytest.mark.parametrize(("score", "rationale"), [(0, "R"), (5, "R"), (3, "   "), (3, "")])
def test_bad_score_or_missing_rationale_is_refused(scoring_assessment, assessor, score, rationale):
    with pytest.raises(AssessmentError):
        statement_score_set(
            actor=assessor,
            assessment=scoring_assessment,
            statement=statement(scoring_assessment, 1),
            score=score,
            rationale=rationale,
        )
    assert not AuditEvent.objects.filter(action="score.set").exists()


def test_statement_scores_are_refused_under_the_earlier_rule(earlier_rule_assessment, assessor):
    with pytest.raises(AssessmentError, match="earlier rule"):
        statement_score_set(
            actor=assessor,
            assessment=earlier_rule_assessment,
            statement=statement(earlier_rule_assessment, 1),
            score=3,
            rationale="R",
        )


# ---- category scores (earlier rule) -------------------------------------------------------


def test_category_scores_give_the_statement_score(earlier_rule_assessment, assessor):
    qs = statement(earlier_rule_assessment, 3)
    row = category_score_set(
        actor=assessor,
        assessment=earlier_rule_assessment,
        statement=qs,
        category_scores={
            "peoples-experience": 2,
            "staff-leaders-feedback": 2,
            "partners-feedback": 3,
            "processes": 2,
        },
        rationale="Gaps in reaching seldom-heard groups.",
        expected_version=0,
    )
    assert row.score == 2  # 9/16 = 56.25% -> requires improvement band -> 2
    assert CategoryScore.objects.filter(assessment=earlier_rule_assessment).count() == 4
    event = AuditEvent.objects.get(action="score.set_categories")
    assert event.changes["score"] == [None, 2]
    assert event.changes["categories"][1]["partners-feedback"] == 3


def test_changing_and_clearing_category_scores(earlier_rule_assessment, assessor):
    qs = statement(earlier_rule_assessment, 3)
    category_score_set(
        actor=assessor,
        assessment=earlier_rule_assessment,
        statement=qs,
        category_scores={"peoples-experience": 2, "processes": 2},
        rationale="R",
    )
    row = category_score_set(
        actor=assessor,
        assessment=earlier_rule_assessment,
        statement=qs,
        category_scores={"peoples-experience": 4, "processes": None},
        rationale="R2",
        expected_version=1,
    )
    assert row.score == 4
    assert dict(
        CategoryScore.objects.filter(assessment=earlier_rule_assessment).values_list(
            "category__code", "score"
        )
    ) == {"peoples-experience": 4}
    last = AuditEvent.objects.filter(action="score.set_categories").order_by("-pk").first()
    assert last.changes["categories"] == [
        {"peoples-experience": 2, "processes": 2},
        {"peoples-experience": 4},
    ]


def test_peoples_experience_is_required_and_unknown_categories_refused(
    earlier_rule_assessment, assessor
):
    qs = statement(earlier_rule_assessment, 1)
    with pytest.raises(AssessmentError, match="people's experience"):
        category_score_set(
            actor=assessor,
            assessment=earlier_rule_assessment,
            statement=qs,
            category_scores={"processes": 3},
            rationale="R",
        )
    with pytest.raises(AssessmentError, match="do not apply"):
        category_score_set(
            actor=assessor,
            assessment=earlier_rule_assessment,
            statement=qs,
            category_scores={"peoples-experience": 3, "observation": 3},
            rationale="R",
        )
    with pytest.raises(AssessmentError, match="from 1 to 4"):
        category_score_set(
            actor=assessor,
            assessment=earlier_rule_assessment,
            statement=qs,
            category_scores={"peoples-experience": 5},
            rationale="R",
        )
    assert not CategoryScore.objects.exists()


def test_category_scores_are_refused_under_the_current_rule(scoring_assessment, assessor):
    with pytest.raises(AssessmentError, match="current rule"):
        category_score_set(
            actor=assessor,
            assessment=scoring_assessment,
            statement=statement(scoring_assessment, 1),
            category_scores={"peoples-experience": 3},
            rationale="R",
        )


# ---- frozen result -----------------------------------------------------------------------


def test_freeze_result_needs_every_statement_and_copies_the_result(scoring_assessment, assessor):
    for number, score in zip(range(1, 9), [2, 2, 2, 3, 3, 2, 3, 3], strict=True):
        statement_score_set(
            actor=assessor,
            assessment=scoring_assessment,
            statement=statement(scoring_assessment, number),
            score=score,
            rationale="R",
        )
    with pytest.raises(AssessmentError, match="1 not yet scored"):
        assessment_freeze_result(assessment=scoring_assessment)
    statement_score_set(
        actor=assessor,
        assessment=scoring_assessment,
        statement=statement(scoring_assessment, 9),
        score=3,
        rationale="R",
    )
    result = assessment_freeze_result(assessment=scoring_assessment)
    assert (result.display_percentage, result.rating) == (64, scoring.GOOD)
    assert scoring_assessment.published_rating == scoring.GOOD
    assert scoring_assessment.published_percentage == pytest.approx(63.8889, abs=1e-4)


# ---- import of published results ---------------------------------------------------------

HEADER = "gss_code,published_on,rating," + ",".join(f"score_{n}" for n in range(1, 10))


def csv_text(*rows):
    return "\n".join([HEADER, *rows]) + "\n"


def test_import_loads_published_assessments_with_frozen_results(admin_user):
    text = csv_text(
        "E10000029,2025-03-14,good,2,2,2,3,3,2,3,3,3",
        "E06000018,2024-11-29,Requires improvement,2,2,2,2,2,3,3,3,3",
        "E08000025,2025-06-20,outstanding,3,3,4,3,4,4,3,4,4",
    )
    created = published_results_import(actor=admin_user, text=text, source="results.csv")
    assert len(created) == 3
    suffolk = Assessment.objects.get(council__name="Suffolk")
    assert suffolk.status == AssessmentStatus.PUBLISHED and suffolk.imported
    assert suffolk.published_on == datetime.date(2025, 3, 14)
    assert suffolk.published_rating == scoring.GOOD
    assert scoring.round_half_up_float(suffolk.published_percentage) == 64
    assert list(suffolk.scores.order_by("statement__number").values_list("score", flat=True)) == [
        2,
        2,
        2,
        3,
        3,
        2,
        3,
        3,
        3,
    ]
    assert suffolk.scoring_rule == scoring.STATEMENT_SCORES.code
    nottingham = Assessment.objects.get(council=council("Nottingham"))
    assert nottingham.scoring_rule == scoring.CATEGORY_SCORES.code  # before December 2024
    assert AuditEvent.objects.filter(action="assessment.import").count() == 3
    assert StatusTransition.objects.filter(to_status="published").count() == 3


def test_import_reports_every_bad_row_and_loads_nothing(admin_user):
    text = csv_text(
        "E10000029,2025-03-14,good,2,2,2,3,3,2,3,3,3",  # fine
        "E99999999,2025-03-14,good,3,3,3,3,3,3,3,3,3",  # unknown code
        "E06000018,2025-03-14,good,3,3,3,3,5,3,3,3,3",  # score 5
        "E08000025,2025-03-14,good,2,2,2,2,2,3,3,3,3",  # 61% is requires improvement
        "E09000002,14/03/2025,good,3,3,3,3,3,3,3,3,3",  # bad date
        "E09000003,2025-02-30,good,3,3,3,3,3,3,3,3,3",  # no such day
        "E10000029,2025-03-14,good,2,2,2,3,3,2,3,3,3",  # repeats line 2
    )
    with pytest.raises(ResultsImportError) as caught:
        published_results_import(actor=admin_user, text=text)
    errors = caught.value.errors
    assert [error.split(":")[0] for error in errors] == [
        "Line 3",
        "Line 4",
        "Line 5",
        "Line 6",
        "Line 7",
        "Line 8",
    ]
    assert "unknown GSS code 'E99999999'" in errors[0]
    assert "score_5 '5' is not 1 to 4" in errors[1]
    assert "disagrees with the scores, which give 61% 'Requires improvement'" in errors[2]
    assert "is not YYYY-MM or YYYY-MM-DD" in errors[3]
    assert "is not YYYY-MM or YYYY-MM-DD" in errors[4]
    assert "repeats line 2" in errors[5]
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action="assessment.import").exists()


def test_import_refuses_a_wrong_header_and_a_result_already_loaded(admin_user):
    with pytest.raises(ResultsImportError) as caught:
        published_results_import(actor=admin_user, text="gss_code,rating\nE10000029,good\n")
    assert caught.value.errors[0].startswith("Line 1: missing columns score_1")
    assert caught.value.errors[0].endswith("score_9, published.")
    row = "E10000029,2025-03-14,good,2,2,2,3,3,2,3,3,3"
    published_results_import(actor=admin_user, text=csv_text(row))
    with pytest.raises(ResultsImportError) as again:
        published_results_import(actor=admin_user, text=csv_text(row))
    assert "already has a published assessment dated 2025-03-14" in again.value.errors[0]
    assert Assessment.objects.count() == 1
