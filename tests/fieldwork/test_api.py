"""The fieldwork API: every action, 400 with field errors on bad input, the council kept out
of case data, repeated creates answered once."""

import pytest

from fieldwork.models import Case, ContactAttempt, Session
from tests.fieldwork.conftest import HEADER, case_csv

pytestmark = pytest.mark.django_db


def test_council_uploads_and_team_draws_and_tracks(
    token_client, assessment, council_lead, lead_assessor, assessor
):
    council = token_client(council_lead)
    url = f"/api/v1/assessments/{assessment.pk}/case-list/"
    bad = council.post(url, {"csv": HEADER + "SYN-1,1950-01-01,P,H,N,no\n"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["csv"] == [
        "Line 2: age_band looks like a date of birth: give a band such as 65-74."
    ]
    named = council.post(url, {"csv": "name," + HEADER}, format="json")
    assert named.status_code == 400 and "looks like a name" in named.json()["csv"][0]
    ok = council.post(url, {"csv": case_csv(), "name": "cases.csv"}, format="json")
    assert ok.status_code == 201 and ok.json()["cases"] == 30
    # The council never sees case data.
    assert council.get(f"/api/v1/assessments/{assessment.pk}/cases/").status_code == 403
    assert council.get(f"/api/v1/assessments/{assessment.pk}/sample/").status_code == 403

    lead = token_client(lead_assessor)
    drawn = lead.post(
        f"/api/v1/assessments/{assessment.pk}/sample/",
        {"strata": ["age_band"], "seed": 42},
        format="json",
    )
    assert drawn.status_code == 201
    assert drawn.json()["draw"]["seed"] == 42 and len(drawn.json()["draw"]["case_references"]) == 10
    again = lead.post(
        f"/api/v1/assessments/{assessment.pk}/sample/", {"strata": ["age_band"]}, format="json"
    )
    assert again.status_code == 400 and "reason" in again.json()

    case = Case.objects.filter(in_sample=True).first()
    team = token_client(assessor)
    consent = team.post(
        f"/api/v1/cases/{case.pk}/consent/", {"status": "given", "on": "2025-02-03"}, format="json"
    )
    assert consent.status_code == 200 and consent.json()["consent"] == "given"
    body = {"on": "2025-02-03", "method": "phone", "outcome": "spoke"}
    headers = {"HTTP_IDEMPOTENCY_KEY": "contact-attempt-0001"}
    first = team.post(f"/api/v1/cases/{case.pk}/contact-attempts/", body, format="json", **headers)
    second = team.post(f"/api/v1/cases/{case.pk}/contact-attempts/", body, format="json", **headers)
    assert first.status_code == second.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"
    assert ContactAttempt.objects.count() == 1
    note = team.post(
        f"/api/v1/cases/{case.pk}/journey-notes/",
        {"text": "Waited.", "statements": [1, 6], "on": "2025-02-03"},
        format="json",
    )
    assert note.status_code == 201
    assert note.json()["notes"][0]["statements"] == [1, 6]
    bad_note = team.post(
        f"/api/v1/cases/{case.pk}/journey-notes/",
        {"text": "x", "statements": [99], "on": "2025-02-03"},
        format="json",
    )
    assert bad_note.status_code == 400 and "statements" in bad_note.json()
    heat = team.get(f"/api/v1/assessments/{assessment.pk}/evidence-sufficiency/").json()
    first_row = heat["rows"][0]
    assert first_row["statement"] == 1 and first_row["cells"][0] == {
        "category": "peoples-experience", "count": 1, "newest": "2025-02-03"
    }  # fmt: skip
    assert heat["rows"][1]["no_peoples_experience"] is True


def test_sessions_over_the_api(token_client, assessment, lead_assessor, assessor, council_lead):
    lead = token_client(lead_assessor)
    url = f"/api/v1/assessments/{assessment.pk}/sessions/"
    body = {
        "kind": "interview", "title": "Director", "starts_at": "2026-03-02T10:00:00Z",
        "ends_at": "2026-03-02T11:00:00Z", "assessors": [lead_assessor.pk],
        "participant_roles": ["director"], "location": "Ipswich", "invite_council": False,
    }  # fmt: skip
    assert lead.post(url, body, format="json").status_code == 201
    clash = lead.post(url, {**body, "title": "Clash"}, format="json")
    assert clash.status_code == 400 and "already booked" in clash.json()["starts_at"][0]
    outsider = lead.post(url, {**body, "assessors": [council_lead.pk]}, format="json")
    assert outsider.status_code == 400 and "assessors" in outsider.json()
    # The council sees the programme (never notes).
    programme = token_client(council_lead).get(url).json()["results"]
    assert [s["title"] for s in programme] == ["Director"] and "notes" not in programme[0]
    session = Session.objects.get()
    notes = token_client(assessor).post(
        f"/api/v1/sessions/{session.pk}/notes/", {"notes": "Heard.", "statements": [8]},
        format="json",
    )  # fmt: skip
    assert notes.status_code == 201 and len(notes.json()["evidence_ids"]) == 1


def test_override_over_the_api(token_client, assessment, lead_assessor, assessor):
    assessment.status = "scoring"
    assessment.save()
    url = f"/api/v1/assessments/{assessment.pk}/peoples-experience-override/"
    assert token_client(assessor).post(url, {"reason": "R"}, format="json").status_code == 403
    empty = token_client(lead_assessor).post(url, {"reason": ""}, format="json")
    assert empty.status_code == 400
    made = token_client(lead_assessor).post(url, {"reason": "Survey."}, format="json")
    assert made.status_code == 201 and made.json()["statements_without"] == list(range(1, 10))
