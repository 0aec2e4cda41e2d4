"""Assessments, frameworks and quality statements over the API: scoping by the policy,
filters, creation, errors and query counts."""

import pytest

from accounts.roles import Role
from assessments.models import Assessment, AssessmentStatus, StatementScore
from audit.models import AuditEvent
from tests.factories import AssessmentFactory, UserFactory, council

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"


@pytest.fixture
def published(db):
    return AssessmentFactory(
        council=council("Birmingham"),
        status=AssessmentStatus.PUBLISHED,
        published_rating="good",
        published_percentage=72.22,
    )


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_users_see_only_published_assessments(api, assessment, published):
    assert _ids(api.get(URL)) == {published.pk}
    assert api.get(f"{URL}{assessment.pk}/").status_code == 404
    body = api.get(f"{URL}{published.pk}/").json()
    assert body["published_rating"] == "good"
    assert body["published_display_percentage"] == 72
    assert body["result"]["rating"] == "good"


def test_the_list_is_scoped_by_the_policy(
    token_client,
    assessment,
    published,
    assessor,
    outside_assessor,
    council_lead,
    other_council_lead,
    admin_user,
):
    assert _ids(token_client(assessor).get(URL)) == {assessment.pk, published.pk}
    assert _ids(token_client(council_lead).get(URL)) == {assessment.pk, published.pk}
    assert _ids(token_client(outside_assessor).get(URL)) == {published.pk}
    assert _ids(token_client(other_council_lead).get(URL)) == {published.pk}
    assert _ids(token_client(admin_user).get(URL)) == {assessment.pk, published.pk}


def test_detail_hides_what_the_policy_hides_and_withholds_draft_results(
    token_client, assessment, outside_assessor, council_lead, assessor
):
    assert token_client(outside_assessor).get(f"{URL}{assessment.pk}/").status_code == 404
    lead_view = token_client(council_lead).get(f"{URL}{assessment.pk}/")
    assert lead_view.status_code == 200
    assert lead_view.json()["result"] is None  # drafts reach the council only at the FA check
    team_view = token_client(assessor).get(f"{URL}{assessment.pk}/").json()
    assert team_view["result"] == {
        "percentage": None,
        "display_percentage": None,
        "rating": None,
        "rating_label": "Not yet rated",
        "scored": 0,
        "total": 9,
        "is_complete": False,
    }


def test_detail_result_follows_the_statement_scores(token_client, assessment, assessor):
    for statement in assessment.framework.quality_statements.all():
        StatementScore.objects.create(
            assessment=assessment, statement=statement, score=3, rationale="Good."
        )
    result = token_client(assessor).get(f"{URL}{assessment.pk}/").json()["result"]
    assert result["display_percentage"] == 75
    assert result["rating"] == "good"
    assert result["is_complete"] is True


def test_list_filters_by_council_status_kind_and_rating(token_client, admin_user, assessment):
    AssessmentFactory(council=council("Nottingham"), kind="pilot")
    inadequate = AssessmentFactory(
        council=council("Birmingham"),
        status=AssessmentStatus.PUBLISHED,
        published_rating="inadequate",
        published_percentage=33.3,
    )
    client = token_client(admin_user)
    assert _ids(client.get(URL, {"council": "E10000029"})) == {assessment.pk}
    assert _ids(client.get(URL, {"status": "published"})) == {inadequate.pk}
    assert len(_ids(client.get(URL, {"status": ["published", "evidence_gathering"]}))) == 3
    assert len(_ids(client.get(URL, {"kind": "pilot"}))) == 1
    assert _ids(client.get(URL, {"rating": "inadequate"})) == {inadequate.pk}
    assert _ids(client.get(URL, {"rating": "good"})) == set()
    names = [
        row["council"]["name"]
        for row in client.get(URL, {"ordering": "council__name"}).json()["results"]
    ]
    assert names == ["Birmingham", "Nottingham", "Suffolk"]


def test_list_refuses_unknown_filter_values_with_field_errors(api):
    response = api.get(URL, {"status": "finished", "rating": "great", "kind": "x"})
    assert response.status_code == 400
    assert {"status", "rating", "kind"} <= set(response.json())


@pytest.mark.parametrize("size", [3, 12])
def test_list_query_count_does_not_grow_with_rows(
    size, token_client, admin_user, django_assert_max_num_queries
):
    names = [
        "Suffolk",
        "Nottingham",
        "Birmingham",
        "Lincolnshire",
        "Kent",
        "Essex",
        "Norfolk",
        "Devon",
        "Surrey",
        "Hampshire",
        "Cornwall",
        "Leeds",
    ]
    team = [UserFactory(role=Role.ASSESSOR) for _ in range(2)]
    for name in names[:size]:
        AssessmentFactory(council=council(name), lead_assessor=team[0], assessors=team)
    client = token_client(admin_user)
    # auth (token + user) + roles, count, page, assessors prefetch
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert response.json()["count"] == size


def test_admin_opens_an_assessment_and_it_is_audited(token_client, admin_user, assessor):
    response = token_client(admin_user).post(
        URL,
        {
            "council": "E10000029",
            "kind": "formal",
            "lead_assessor": assessor.pk,
            "assessors": [assessor.pk],
            "notified_on": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "planned"
    assert body["council"]["gss_code"] == "E10000029"
    assert body["lead_assessor"]["id"] == assessor.pk
    assert AuditEvent.objects.filter(action="assessment.create", target_id=str(body["id"])).exists()


def test_opening_a_second_open_assessment_is_a_conflict(token_client, admin_user, assessment):
    response = token_client(admin_user).post(URL, {"council": "E10000029"}, format="json")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Suffolk already has an open assessment.",
        "code": "domain_rule",
    }
    assert Assessment.objects.filter(council__name="Suffolk").count() == 1


def test_creating_needs_a_token_and_the_admin_role(api, token_client, assessor):
    response = api.post(URL, {"council": "E10000029"}, format="json")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert (
        token_client(assessor).post(URL, {"council": "E10000029"}, format="json").status_code == 403
    )


def test_malformed_create_gets_field_errors(token_client, admin_user):
    client = token_client(admin_user)
    response = client.post(
        URL,
        {"council": "nowhere", "kind": "casual", "notified_on": "yesterday", "assessors": [999999]},
        format="json",
    )
    assert response.status_code == 400
    assert {"council", "kind", "notified_on", "assessors"} <= set(response.json())
    bad_json = client.post(URL, "{not json", content_type="application/json")
    assert bad_json.status_code == 400


def test_session_authentication_needs_csrf_on_writes(admin_user):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200
    assert client.post(URL, {"council": "E10000029"}, format="json").status_code == 403


def test_revoked_token_no_longer_authenticates(token_client, admin_user):
    from accounts.services import token_revoke

    client = token_client(admin_user)
    assert client.post(URL, {"council": "E10000029"}, format="json").status_code == 201
    token_revoke(user=admin_user, actor=admin_user)
    assert client.get(URL).status_code == 401


# ---- the framework ------------------------------------------------------------------------


def test_frameworks_and_statements(api, django_assert_max_num_queries):
    frameworks = api.get("/api/v1/frameworks/").json()
    assert frameworks["count"] >= 1
    current = next(f for f in frameworks["results"] if f["is_current"])
    with django_assert_max_num_queries(8):
        detail = api.get(f"/api/v1/frameworks/{current['id']}/").json()
    assert len(detail["themes"]) == 4
    assert [s["number"] for s in detail["quality_statements"]] == list(range(1, 10))
    safeguarding = detail["quality_statements"][6]
    assert safeguarding["name"] == "Safeguarding"
    assert safeguarding["theme"]["name"] == "Ensuring safety within the system"
    assert any(c["required"] for c in safeguarding["categories"])


@pytest.mark.parametrize("page_size", [2, 9])
def test_statement_list_query_count_does_not_grow(api, page_size, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        body = api.get("/api/v1/quality-statements/", {"current": "true", "page_size": page_size})
    assert len(body.json()["results"]) == page_size
    theme = api.get("/api/v1/quality-statements/", {"current": "true", "theme": 4}).json()
    assert [s["number"] for s in theme["results"]] == [8, 9]


@pytest.mark.parametrize("value", ["-1.3e+146", "99999999999999999999", "0"])
def test_a_number_filter_the_database_cannot_hold_is_a_400(api, value):
    response = api.get("/api/v1/quality-statements/", {"framework": value})
    assert response.status_code == 400
    assert "framework" in response.json()


def test_unknown_api_paths_are_json_404s(api):
    response = api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such API endpoint."
    assert api.get(f"{URL}-1/").status_code == 404
    assert api.get(f"{URL}99999999999999999999/").status_code == 404


# ---- the audit trail ------------------------------------------------------------------------


def test_history_shows_the_audit_trail_to_the_team_only(
    token_client, admin_user, assessor, council_lead, outside_assessor
):
    created = token_client(admin_user).post(URL, {"council": "E10000029"}, format="json").json()
    history_url = f"{URL}{created['id']}/history/"
    body = token_client(admin_user).get(history_url).json()
    assert body["count"] == 1
    event = body["results"][0]
    assert event["action"] == "assessment.create"
    assert event["actor"]["id"] == admin_user.pk
    assert event["changes"]["status"] == [None, "planned"]
    assert token_client(outside_assessor).get(history_url).status_code == 404
    assert token_client(council_lead).get(history_url).status_code == 403
    filtered = token_client(admin_user).get(history_url, {"action": "score.set"}).json()
    assert filtered["count"] == 0


@pytest.mark.parametrize("events", [2, 20])
def test_history_query_count_does_not_grow_with_rows(
    events, token_client, admin_user, assessment, django_assert_max_num_queries
):
    from audit.actions import AuditAction
    from audit.services import audit_record

    for number in range(events):
        audit_record(
            actor=admin_user,
            action=AuditAction.ASSESSMENT_UPDATE,
            target=assessment,
            assessment=assessment,
            note=f"note {number}",
        )
    client = token_client(admin_user)
    with django_assert_max_num_queries(7):
        body = client.get(f"{URL}{assessment.pk}/history/").json()
    assert body["count"] == events


def test_null_characters_are_field_errors_not_database_errors(token_client, admin_user):
    response = token_client(admin_user).post(URL, {"council": "\x00"}, format="json")
    assert response.status_code == 400
    assert response.json()["council"] == ["Null characters are not allowed."]


@pytest.mark.parametrize(
    "since", ["2000-01-01T00:00:00+16:00", "9999-12-31T23:59:59-12:00", "yesterday"]
)
def test_history_since_accepts_any_iso_offset_and_refuses_nonsense(
    since, token_client, admin_user, assessment
):
    response = token_client(admin_user).get(f"{URL}{assessment.pk}/history/", {"since": since})
    if since == "yesterday" or since.startswith("9999"):
        assert response.status_code == 400
        assert "since" in response.json()
    else:
        assert response.status_code == 200


def test_lead_assessor_changes_dates_and_team_with_the_current_version(
    token_client, assessment, lead_assessor, assessor, council_lead, outside_assessor
):
    url = f"{URL}{assessment.pk}/"
    body = {
        "notified_on": "2025-01-06",
        "site_visit_on": "2025-03-10",
        "lead_assessor": lead_assessor.pk,
        "assessors": [assessor.pk, outside_assessor.pk],
        "version": assessment.version,
    }
    changed = token_client(lead_assessor).put(url, body, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["site_visit_on"] == "2025-03-10"
    assert {a["id"] for a in changed.json()["assessors"]} == {assessor.pk, outside_assessor.pk}
    stale = token_client(lead_assessor).put(url, body, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert token_client(assessor).put(url, body, format="json").status_code == 403
    not_an_assessor = {**body, "lead_assessor": council_lead.pk, "version": assessment.version + 1}
    refused = token_client(lead_assessor).put(url, not_an_assessor, format="json")
    assert refused.status_code == 400 and "lead_assessor" in refused.json()
    backwards = {**body, "site_visit_on": "2024-12-01", "version": assessment.version + 1}
    conflict = token_client(lead_assessor).put(url, backwards, format="json")
    assert conflict.status_code == 409
    assert "site visit must be on or after" in conflict.json()["detail"]
