"""The workflow over the API: one endpoint per action, versions, preconditions, roles."""

import pytest

from assessments import workflow
from assessments.models import AssessmentStatus, StatusTransition
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def url(assessment, tail=""):
    return f"/api/v1/assessments/{assessment.pk}/{tail}"


# ---- workflow -------------------------------------------------------------------------------


def test_every_workflow_action_has_its_own_endpoint_in_the_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for name in workflow.ACTIONS:
        path = f"/api/v1/assessments/{{assessment_id}}/{name.replace('_', '-')}/"
        assert "post" in schema["paths"][path], path


def test_lead_assessor_moves_the_assessment_on_with_its_version(
    token_client, assessment, lead_assessor
):
    client = token_client(lead_assessor)
    actions = client.get(url(assessment, "actions/")).json()["results"]
    assert [(a["action"], a["allowed"]) for a in actions] == [
        ("start_scoring", True),
        ("withdraw", False),  # admins only
    ]
    assert actions[0]["problem"] == ""
    response = client.post(
        url(assessment, "start-scoring/"), {"version": assessment.version}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "scoring"
    assert body["version"] == assessment.version + 1
    timeline = client.get(url(assessment, "timeline/")).json()["results"]
    assert timeline[-1]["from_status"] == "evidence_gathering"
    assert timeline[-1]["to_status"] == "scoring"
    assert AuditEvent.objects.filter(action="assessment.start_scoring").exists()


def test_a_stale_version_or_wrong_status_is_a_conflict(token_client, assessment, lead_assessor):
    client = token_client(lead_assessor)
    stale = client.post(
        url(assessment, "start-scoring/"), {"version": assessment.version + 5}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    wrong = client.post(
        url(assessment, "submit-for-qa/"), {"version": assessment.version}, format="json"
    )
    assert wrong.status_code == 409 and wrong.json()["code"] == "domain_rule"
    assert "while the assessment is evidence gathering" in wrong.json()["detail"]
    assessment.refresh_from_db()
    assert assessment.status == S.EVIDENCE_GATHERING


def test_preconditions_and_notes_come_back_as_409_and_400(token_client, assessment, admin_user):
    client = token_client(admin_user)
    assessment.status = S.SCORING
    assessment.save()
    unscored = client.post(
        url(assessment, "submit-for-qa/"), {"version": assessment.version}, format="json"
    )
    assert unscored.status_code == 409
    assert "Score every quality statement" in unscored.json()["detail"]
    no_version = client.post(url(assessment, "return-to-evidence/"), {}, format="json")
    assert no_version.status_code == 400 and "version" in no_version.json()
    no_note = client.post(
        url(assessment, "return-to-evidence/"), {"version": assessment.version}, format="json"
    )
    assert no_note.status_code == 409
    assert "Enter why more evidence is needed" in no_note.json()["detail"]


def test_who_may_take_a_step_is_the_policys_decision(
    token_client, assessment, council_lead, outside_assessor, api
):
    payload = {"version": assessment.version, "note": "x"}
    assert (
        token_client(council_lead)
        .post(url(assessment, "withdraw/"), payload, format="json")
        .status_code
        == 403
    )
    assert (
        token_client(outside_assessor)
        .post(url(assessment, "withdraw/"), payload, format="json")
        .status_code
        == 404
    )
    assert api.post(url(assessment, "withdraw/"), payload, format="json").status_code == 401
    assert StatusTransition.objects.filter(assessment=assessment).count() == 0
