"""Statement scores, the national ratings table and the import of results over the API."""

import pytest

from assessments import scoring
from assessments.models import AssessmentStatus, StatementScore
from assessments.services import published_results_import
from audit.models import AuditEvent
from tests.factories import AssessmentFactory, council

pytestmark = pytest.mark.django_db
HEADER = "gss_code,published_on,rating," + ",".join(f"score_{n}" for n in range(1, 10))


@pytest.fixture
def scoring_assessment(suffolk, lead_assessor, assessor):
    return AssessmentFactory(
        council=suffolk,
        status=AssessmentStatus.SCORING,
        lead_assessor=lead_assessor,
        assessors=[assessor],
    )


def scores_url(assessment, number=None):
    base = f"/api/v1/assessments/{assessment.pk}/scores/"
    return base if number is None else f"{base}{number}/"


# ---- reading scores -------------------------------------------------------------------------


def test_team_reads_every_statement_with_its_score(token_client, scoring_assessment, assessor):
    client = token_client(assessor)
    client.put(
        scores_url(scoring_assessment, 4),
        {"score": 3, "rationale": "Joined up.", "version": 0},
        format="json",
    )
    body = client.get(scores_url(scoring_assessment)).json()
    assert body["count"] == 9
    row = body["results"][3]
    assert row["statement"] == 4
    assert row["score"] == 3
    assert row["descriptor"] == "3 - Evidence shows a good standard"
    assert row["scored_by"]["id"] == assessor.pk
    assert row["version"] == 1
    assert body["results"][0]["score"] is None and body["results"][0]["version"] == 0
    detail = client.get(f"/api/v1/assessments/{scoring_assessment.pk}/").json()
    assert detail["result"]["scored"] == 1 and detail["result"]["display_percentage"] == 75
    assert detail["scores"][3]["score"] == 3
    assert detail["themes"][1]["theme"] == "Providing support"
    assert detail["themes"][1]["mean_score"] == 3.0


def test_draft_scores_follow_the_policy(
    token_client, scoring_assessment, council_lead, outside_assessor, api
):
    assert token_client(council_lead).get(scores_url(scoring_assessment)).status_code == 403
    assert token_client(outside_assessor).get(scores_url(scoring_assessment)).status_code == 404
    assert api.get(scores_url(scoring_assessment)).status_code == 404
    detail = token_client(council_lead).get(f"/api/v1/assessments/{scoring_assessment.pk}/")
    assert detail.json()["scores"] is None and detail.json()["result"] is None


@pytest.mark.parametrize("scored", [1, 9])
def test_score_list_query_count_does_not_grow(
    scored, token_client, scoring_assessment, assessor, django_assert_max_num_queries
):
    for statement in scoring_assessment.framework.quality_statements.all()[:scored]:
        StatementScore.objects.create(
            assessment=scoring_assessment,
            statement=statement,
            score=2,
            rationale="Gaps.",
            scored_by=assessor,
        )
    client = token_client(assessor)
    with django_assert_max_num_queries(8):
        body = client.get(scores_url(scoring_assessment)).json()
    assert sum(1 for row in body["results"] if row["score"]) == scored


# ---- setting scores -------------------------------------------------------------------------


def test_setting_a_score_is_audited_and_a_stale_version_is_refused(
    token_client, scoring_assessment, assessor, lead_assessor
):
    url = scores_url(scoring_assessment, 7)
    first = token_client(assessor).put(
        url, {"score": 2, "rationale": "Slow referrals.", "version": 0}, format="json"
    )
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 1
    # The lead read version 0 too; their change would overwrite the assessor's.
    stale = token_client(lead_assessor).put(
        url, {"score": 3, "rationale": "Fine.", "version": 0}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    assert "Someone else changed this score" in stale.json()["detail"]
    assert StatementScore.objects.get(assessment=scoring_assessment, statement__number=7).score == 2
    fresh = token_client(lead_assessor).put(
        url, {"score": 3, "rationale": "Fine.", "version": 1}, format="json"
    )
    assert fresh.status_code == 200 and fresh.json()["version"] == 2
    assert AuditEvent.objects.filter(action="score.set").count() == 2


def test_malformed_scores_get_field_errors(token_client, scoring_assessment, assessor):
    client = token_client(assessor)
    url = scores_url(scoring_assessment, 1)
    response = client.put(url, {"score": 5, "rationale": "", "version": -1}, format="json")
    assert response.status_code == 400
    assert {"score", "rationale", "version"} <= set(response.json())
    both = client.put(
        url,
        {"score": 3, "category_scores": {"processes": 3}, "rationale": "x", "version": 0},
        format="json",
    )
    assert both.status_code == 400 and "non_field_errors" in both.json()
    assert (
        client.put(
            scores_url(scoring_assessment, 10),
            {"score": 3, "rationale": "x", "version": 0},
            format="json",
        ).status_code
        == 404
    )


def test_who_may_score_is_the_policys_decision(
    token_client, scoring_assessment, council_lead, outside_assessor, assessor
):
    payload = {"score": 3, "rationale": "Good.", "version": 0}
    assert (
        token_client(council_lead)
        .put(scores_url(scoring_assessment, 1), payload, format="json")
        .status_code
        == 403
    )
    assert (
        token_client(outside_assessor)
        .put(scores_url(scoring_assessment, 1), payload, format="json")
        .status_code
        == 404
    )
    # The team, but the assessment is still gathering evidence.
    other = AssessmentFactory(council=council("Kent"), lead_assessor=assessor)
    assert (
        token_client(assessor).put(scores_url(other, 1), payload, format="json").status_code == 403
    )


def test_earlier_rule_scores_categories(token_client, nottingham, assessor):
    earlier = AssessmentFactory(
        council=nottingham,
        status=AssessmentStatus.SCORING,
        scoring_rule=scoring.CATEGORY_SCORES.code,
        lead_assessor=assessor,
    )
    client = token_client(assessor)
    wrong_rule = client.put(
        scores_url(earlier, 3), {"score": 3, "rationale": "x", "version": 0}, format="json"
    )
    assert wrong_rule.status_code == 409 and wrong_rule.json()["code"] == "domain_rule"
    response = client.put(
        scores_url(earlier, 3),
        {
            "category_scores": {
                "peoples-experience": 2,
                "staff-leaders-feedback": 2,
                "partners-feedback": 3,
                "processes": 2,
            },
            "rationale": "Gaps in reaching seldom-heard groups.",
            "version": 0,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["score"] == 2


# ---- the national ratings table -------------------------------------------------------------


def _import(admin_user, *rows):
    published_results_import(actor=admin_user, text="\n".join([HEADER, *rows]) + "\n")


ROWS = [
    "E10000029,2025-03-14,good,2,2,2,3,3,2,3,3,3",
    "E06000018,2024-11-29,Requires improvement,2,2,2,2,2,3,3,3,3",
    "E08000025,2025-06-20,outstanding,3,3,4,3,4,4,3,4,4",
    "E10000016,2025-01-10,good,3,3,3,3,3,3,3,3,3",
]


def test_national_table_filters_and_sorts_like_the_page(api, admin_user):
    _import(admin_user, *ROWS)
    body = api.get("/api/v1/national-ratings/", {"result_status": "published"}).json()
    assert [row["council"]["name"] for row in body["results"]] == [
        "Birmingham",
        "Kent",
        "Nottingham",
        "Suffolk",
    ]
    everyone = api.get("/api/v1/national-ratings/").json()
    assert everyone["count"] == 153  # every council, "not_published" where it has no result
    barnet = next(row for row in everyone["results"] if row["council"]["name"] == "Barnet")
    assert barnet["result_status"] == "not_published" and barnet["assessment"] is None
    suffolk = body["results"][3]
    assert suffolk["rating"] == "good"
    assert suffolk["display_percentage"] == 64
    assert suffolk["scores"] == [2, 2, 2, 3, 3, 2, 3, 3, 3]
    assert suffolk["indicative"] is False
    by_score = api.get(
        "/api/v1/national-ratings/",
        {"sort": "percentage", "descending": True, "result_status": "published"},
    )
    assert [row["display_percentage"] for row in by_score.json()["results"]] == [89, 75, 64, 61]
    good = api.get("/api/v1/national-ratings/", {"rating": "good"}).json()
    assert good["count"] == 2
    summary = api.get("/api/v1/national-ratings/summary/").json()
    assert summary["total"] == 4
    assert [c["councils"] for c in summary["counts"]] == [1, 2, 1, 0]
    assert (summary["indicative"], summary["not_published"]) == (0, 153 - 4)
    bad = api.get("/api/v1/national-ratings/", {"sort": "height", "rating": "great"})
    assert bad.status_code == 400 and {"sort", "rating"} <= set(bad.json())


@pytest.mark.parametrize("rows", [1, 4])
def test_national_table_query_count_does_not_grow(
    rows, api, admin_user, django_assert_max_num_queries
):
    _import(admin_user, *ROWS[:rows])
    with django_assert_max_num_queries(4):
        body = api.get("/api/v1/national-ratings/", {"result_status": "published"}).json()
    assert body["count"] == rows


# ---- importing results ----------------------------------------------------------------------


def test_admin_imports_results_and_bad_files_list_every_bad_line(token_client, admin_user):
    client = token_client(admin_user)
    good = client.post(
        "/api/v1/results/import/",
        {"csv": "\n".join([HEADER, ROWS[0]]), "source": "api"},
        format="json",
    )
    assert good.status_code == 201, good.content
    assert good.json()["imported"] == 1
    bad = client.post(
        "/api/v1/results/import/",
        {
            "csv": "\n".join(
                [
                    HEADER,
                    "E99999999,2025-03-14,good,3,3,3,3,3,3,3,3,3",
                    "E06000018,2025-03-14,good,3,3,3,3,5,3,3,3,3",
                ]
            )
        },
        format="json",
    )
    assert bad.status_code == 400
    assert len(bad.json()["csv"]) == 2
    assert "Nothing was loaded" in bad.json()["detail"]


def test_only_admins_import_results(token_client, assessor):
    response = token_client(assessor).post(
        "/api/v1/results/import/", {"csv": HEADER}, format="json"
    )
    assert response.status_code == 403
