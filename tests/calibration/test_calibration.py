"""Calibration panels (issue 16): services, the send gate, pages, API and moderation."""

import csv
import io

import pytest
from django.urls import reverse

from assessments.errors import AssessmentError
from assessments.models import AssessmentStatus, QualityStatement, StatementScore
from assessments.services import assessment_transition
from audit.models import AuditEvent
from calibration import selectors, services
from calibration.charts import moderation_svg
from calibration.models import PanelStatus
from tests.factories import AssessmentFactory, score_all, write_summary
from tests.panels import panel_html

pytestmark = pytest.mark.django_db
S = AssessmentStatus


@pytest.fixture
def in_qa(assessment):
    assessment.status = S.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment, (3, 3, 3, 3, 3, 2, 3, 3, 3))
    write_summary(assessment)
    return assessment


def _statement(assessment, number):
    return QualityStatement.objects.get(framework=assessment.framework, number=number)


def _run_panel(assessment, lead, chair, changes=None):
    """Prepare, propose, record every outcome (with `changes` {number: (score, reason)}),
    sign off."""
    import datetime

    changes = changes or {}
    services.panel_save(
        actor=lead, assessment=assessment, meeting_on=datetime.date(2025, 3, 3), chair=chair
    )
    services.panel_member_add(
        actor=lead, assessment=assessment, name="A. Member", role="Assessor",
        membership="external",
    )  # fmt: skip
    services.panel_propose(actor=lead, assessment=assessment)
    for row in StatementScore.objects.filter(assessment=assessment).select_related("statement"):
        score, reason = changes.get(row.statement.number, (row.score, ""))
        services.panel_outcome_record(
            actor=chair, assessment=assessment, statement=row.statement, agreed_score=score,
            reason=reason,
        )  # fmt: skip
    return services.panel_sign_off(actor=chair, assessment=assessment)


def test_a_panel_that_changes_one_score_then_the_draft_can_be_sent(
    in_qa, lead_assessor, admin_user
):
    panel = _run_panel(
        in_qa, lead_assessor, admin_user, {6: (3, "Transitions evidence stronger than judged.")}
    )
    assert panel.status == PanelStatus.SIGNED_OFF
    assert StatementScore.objects.get(assessment=in_qa, statement__number=6).score == 3
    changed = [row for row in panel.outcomes.all() if row.changed]
    assert [(r.statement.number, r.proposed_score, r.agreed_score) for r in changed] == [(6, 2, 3)]
    actions = list(
        AuditEvent.objects.filter(assessment=in_qa, action__startswith="calibration.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[0] == "calibration.panel_save" and actions[-1] == "calibration.sign_off"
    assert (
        AuditEvent.objects.filter(assessment=in_qa, action="score.change_by_calibration").count()
        == 1
    )
    assessment_transition(actor=lead_assessor, assessment=in_qa, action="send_for_factual_accuracy")
    in_qa.refresh_from_db()
    assert in_qa.status == S.FACTUAL_ACCURACY


def test_a_changed_score_needs_a_reason(in_qa, lead_assessor, admin_user):
    services.panel_propose(actor=lead_assessor, assessment=in_qa)
    with pytest.raises(AssessmentError, match="reason the panel changed") as refused:
        services.panel_outcome_record(
            actor=admin_user, assessment=in_qa, statement=_statement(in_qa, 1), agreed_score=2
        )
    assert refused.value.field == "reason"


def test_sign_off_needs_members_a_date_and_every_outcome(in_qa, lead_assessor, admin_user):
    services.panel_propose(actor=lead_assessor, assessment=in_qa)
    with pytest.raises(AssessmentError, match="meeting date"):
        services.panel_sign_off(actor=admin_user, assessment=in_qa)
    import datetime

    services.panel_save(actor=lead_assessor, assessment=in_qa,
                        meeting_on=datetime.date(2025, 3, 3), chair=admin_user)  # fmt: skip
    with pytest.raises(AssessmentError, match="members"):
        services.panel_sign_off(actor=admin_user, assessment=in_qa)
    services.panel_member_add(actor=lead_assessor, assessment=in_qa, name="B", role="Chair",
                              membership="internal")  # fmt: skip
    with pytest.raises(AssessmentError, match="9 still open"):
        services.panel_sign_off(actor=admin_user, assessment=in_qa)


def test_who_may_run_the_panel(in_qa, assessor, council_lead, outside_assessor, lead_assessor):
    for actor in (assessor, council_lead, outside_assessor):
        with pytest.raises(AssessmentError, match="Only the lead assessor or an admin"):
            services.panel_propose(actor=actor, assessment=in_qa)
    services.panel_save(actor=lead_assessor, assessment=in_qa, meeting_on=None,
                        chair=outside_assessor)  # fmt: skip
    services.panel_propose(actor=lead_assessor, assessment=in_qa)
    # The chair from outside the team records outcomes; the lead assessor does not.
    with pytest.raises(AssessmentError, match="chair"):
        services.panel_outcome_record(actor=lead_assessor, assessment=in_qa,
                                      statement=_statement(in_qa, 1), agreed_score=3)  # fmt: skip
    services.panel_outcome_record(actor=outside_assessor, assessment=in_qa,
                                  statement=_statement(in_qa, 1), agreed_score=3)  # fmt: skip


def test_proposing_again_reopens_a_signed_off_panel(in_qa, lead_assessor, admin_user):
    _run_panel(in_qa, lead_assessor, admin_user)
    with pytest.raises(AssessmentError, match="signed off"):
        services.panel_member_add(actor=lead_assessor, assessment=in_qa, name="C", role="R",
                                  membership="internal")  # fmt: skip
    panel = services.panel_propose(actor=lead_assessor, assessment=in_qa)
    assert panel.status == PanelStatus.PROPOSED and panel.signed_off_at is None
    assert selectors.sign_off_problem(assessment=in_qa).startswith("The calibration panel")


def test_the_panel_pages_record_an_outcome_with_an_error_summary(
    client, in_qa, lead_assessor, admin_user, council_lead
):
    services.panel_propose(actor=lead_assessor, assessment=in_qa)
    client.force_login(admin_user)
    url = reverse("calibration:outcome", args=[in_qa.pk, 6])
    response = client.post(url, {"agreed_score": "3", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Error: " in html
    assert "govuk-error-summary" in html and "reason the panel changed" in html
    response = client.post(url, {"agreed_score": "3", "reason": "Stronger evidence."})
    assert response.status_code == 302
    page = client.get(reverse("calibration:panel", args=[in_qa.pk])).content.decode()
    assert "Stronger evidence." in page and "Calibration panel outcome recorded" in page
    detail = panel_html(client, in_qa, "quality-assurance")
    assert 'id="quality-assurance"' in detail and "1 score changed by the panel" in detail
    client.force_login(council_lead)
    assert client.get(reverse("calibration:panel", args=[in_qa.pk])).status_code == 403


def test_the_api_runs_the_panel(token_client, in_qa, lead_assessor, admin_user):
    lead = token_client(lead_assessor)
    base = f"/api/v1/assessments/{in_qa.pk}/calibration/"
    assert lead.post(base, {"meeting_on": "2025-03-03", "chair": admin_user.pk},
                     format="json").status_code == 200  # fmt: skip
    assert lead.post(base + "members/", {"name": "X", "role": "Y", "membership": "nope"},
                     format="json").status_code == 400  # fmt: skip
    assert lead.post(base + "members/", {"name": "X", "role": "Y", "membership": "external"},
                     format="json").status_code == 201  # fmt: skip
    assert lead.post(base + "propose/").status_code == 200
    chair = token_client(admin_user)
    refused = chair.post(base + "statements/6/", {"agreed_score": 3}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    for number in range(1, 10):
        body = {"agreed_score": 3, "reason": "Raised." if number == 6 else ""}
        assert chair.post(base + f"statements/{number}/", body, format="json").status_code == 200
    signed = chair.post(base + "sign-off/")
    assert signed.status_code == 200 and signed.json()["status"] == "signed_off"
    assert lead.get(base).json()["outcomes"][5]["agreed_score"] == 3
    assert chair.get("/api/v1/calibration/moderation/").json()["results"][5]["raised"] == 1
    assert lead.get("/api/v1/calibration/moderation/").status_code == 403


def test_moderation_counts_changes_by_statement_and_direction(
    client, lead_assessor, admin_user, suffolk, nottingham, django_assert_num_queries
):
    for council, changes in (
        (suffolk, {6: (3, "Up.")}),
        (nottingham, {6: (1, "Down."), 2: (2, "Down.")}),
    ):
        assessment = AssessmentFactory(council=council, lead_assessor=lead_assessor,
                                       status=S.QUALITY_ASSURANCE)  # fmt: skip
        score_all(assessment, (3, 3, 3, 3, 3, 2, 3, 3, 3))
        _run_panel(assessment, lead_assessor, admin_user, changes)
    with django_assert_num_queries(1):
        rows = selectors.moderation_rows()
    by_number = {row.number: row for row in rows}
    assert (by_number[6].raised, by_number[6].lowered, by_number[6].unchanged) == (1, 1, 0)
    assert (by_number[2].lowered, by_number[2].changed_percent) == (1, 50)
    assert by_number[1].changed == 0
    client.force_login(admin_user)
    page = client.get(reverse("calibration:moderation")).content.decode()
    assert "<svg" in page and "<desc" in page and "<script" not in page.split("</svg>")[0]
    assert "Changed: 17%" in page  # 3 of 18 outcomes
    body = client.get(reverse("calibration:moderation_csv")).content.decode()
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][:3] == ["statement_number", "statement", "outcomes"]
    assert table[6][3:6] == ["1", "1", "0"]


def test_the_chart_labels_every_segment_and_escapes_names():
    from calibration.selectors import ModerationRow

    svg = moderation_svg([ModerationRow(1, "A & B <x>", 4, 1, 2, 1)])
    assert "A &amp; B &lt;x&gt;" in svg and "<title>Raised: 1</title>" in svg
    assert 'role="img"' in svg and "aria-labelledby" in svg


def test_the_api_answers_404_before_a_panel_exists(token_client, in_qa, lead_assessor):
    response = token_client(lead_assessor).get(f"/api/v1/assessments/{in_qa.pk}/calibration/")
    assert response.status_code == 404 and "no calibration panel yet" in response.json()["detail"]
