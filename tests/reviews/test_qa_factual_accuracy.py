"""Issue 16 regressions: the defects measured on main, each with the rule that replaces it.

- the council downloaded drafts made after a return to scoring (`fa_sent_on` stays set);
- council leads saw the evidence list from planning on;
- an admin could publish on the first day of the factual accuracy check;
- a factual-inaccuracy challenge needed no evidence.
"""

import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import policy
from assessments.errors import AssessmentError
from assessments.models import AssessmentStatus, QualityStatement, StatementScore
from assessments.selectors import assessment_result
from assessments.services import assessment_transition
from audit.models import AuditEvent
from evidence.models import EvidenceItem
from reports import services as report_services
from reports.models import Report
from reviews.models import ChallengeDecision, PublicationOverride
from reviews.services import (
    challenge_decide,
    challenge_raise,
    factual_accuracy_confirm,
    publication_override_record,
    publication_pause_create,
)
from tests.factories import calibrate, council, score_all, write_summary

pytestmark = pytest.mark.django_db
S = AssessmentStatus
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def no_broker():
    with mock.patch("reports.tasks.render_report.apply_async"):
        yield


def _ready(report: Report) -> Report:
    from reports import storage

    storage.put_file(report.stored_name, PDF_BYTES)
    report.status, report.sha256 = "ready", "0" * 64
    report.save()
    return report


@pytest.fixture
def in_qa(assessment):
    assessment.status = S.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment, (2, 2, 2, 3, 3, 2, 3, 3, 3))
    write_summary(assessment)
    return assessment


def _send(assessment, lead):
    calibrate(assessment)
    assessment_transition(actor=lead, assessment=assessment, action="send_for_factual_accuracy")
    assessment.refresh_from_db()


# ---- drafts: exactly the versions sent -----------------------------------------------------


def test_council_sees_only_drafts_sent_to_it_across_a_return_to_scoring(
    client, in_qa, lead_assessor, council_lead, django_capture_on_commit_callbacks
):
    before_sending = _ready(
        report_services.report_request(actor=lead_assessor, assessment=in_qa, kind="draft")
    )
    with django_capture_on_commit_callbacks(execute=False):
        _send(in_qa, lead_assessor)
    sent = _ready(Report.objects.get(assessment=in_qa, kind="draft", version=2))
    assert sent.sent_to_council_on == datetime.date.today()
    assessment_transition(
        actor=lead_assessor, assessment=in_qa, action="return_to_scoring", note="Rework 6."
    )
    in_qa.refresh_from_db()
    assert in_qa.fa_sent_on is not None  # still set: the old rule leaked through this
    after_return = _ready(
        report_services.report_request(actor=lead_assessor, assessment=in_qa, kind="draft")
    )
    assert after_return.sent_to_council_on is None
    client.force_login(council_lead)

    def status(report):
        return client.get(reverse("reports:download", args=[report.pk])).status_code

    assert (status(before_sending), status(sent), status(after_return)) == (403, 200, 403)
    assert not policy.can_view_report(council_lead, after_return)
    # The API says the same.
    api = client.get(f"/api/v1/reports/{after_return.pk}/download/")
    assert api.status_code == 403
    # The next sending makes the council's next version; the scoring draft stays hidden.
    in_qa.status = S.QUALITY_ASSURANCE
    in_qa.save()
    _send(in_qa, lead_assessor)
    resent = _ready(Report.objects.filter(assessment=in_qa, kind="draft").latest("version"))
    assert resent.version == 4 and resent.sent_to_council_on is not None
    assert (status(resent), status(after_return)) == (200, 403)


# ---- evidence for council leads ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "sees"),
    [
        (S.PLANNED, False),
        (S.EVIDENCE_GATHERING, False),
        (S.SCORING, False),
        (S.QUALITY_ASSURANCE, False),
        (S.FACTUAL_ACCURACY, True),
        (S.PUBLISHED, True),
        (S.WITHDRAWN, False),
    ],
)
def test_council_leads_see_evidence_only_from_the_sending_never_personal_data(
    client, assessment, council_lead, assessor, status, sees
):
    from tests.policy.matrix.base import _make_objects

    objects = _make_objects(assessment, council_lead, assessor)
    personal = EvidenceItem.objects.get(pk=objects.evidence.pk)
    personal.pk = None
    personal.title = "Case notes"
    personal.contains_personal_data = True
    personal.save()
    assessment.status = status
    if status == S.PUBLISHED:
        assessment.published_on = datetime.date(2025, 6, 2)
    if status == S.WITHDRAWN:
        assessment.withdrawn_reason = "Test"
    assessment.save()
    assert policy.can_view_evidence(council_lead, assessment) is sees
    assert policy.can_view_evidence_item(council_lead, objects.evidence) is sees
    assert not policy.can_view_evidence_item(council_lead, personal)
    visible = policy.visible_evidence(
        council_lead, assessment, EvidenceItem.objects.filter(assessment=assessment)
    )
    assert list(visible) == ([objects.evidence] if sees else [])
    client.force_login(council_lead)
    page = client.get(reverse("evidence:overview", args=[assessment.pk]))
    expected = 200 if sees else 403
    assert page.status_code == expected
    if sees:
        assert "Case notes" not in page.content.decode()
    assert client.get(reverse("evidence:detail", args=[personal.pk])).status_code == 404


# ---- publishing before the deadline -------------------------------------------------------------


@pytest.fixture
def sent(in_qa, lead_assessor):
    _send(in_qa, lead_assessor)
    return in_qa


def test_publishing_on_the_first_day_is_refused(sent, admin_user):
    with pytest.raises(AssessmentError, match="factual accuracy check runs until"):
        assessment_transition(actor=admin_user, assessment=sent, action="publish")
    sent.refresh_from_db()
    assert sent.status == S.FACTUAL_ACCURACY


def test_the_councils_confirmation_ends_the_check_early(sent, admin_user, council_lead):
    confirmation = factual_accuracy_confirm(
        actor=council_lead, assessment=sent, kind="all_comments_in"
    )
    again = factual_accuracy_confirm(actor=council_lead, assessment=sent, kind="no_comments")
    assert again.pk == confirmation.pk  # idempotent
    assert (
        AuditEvent.objects.filter(assessment=sent, action="factual_accuracy.confirm").count() == 1
    )
    assessment_transition(actor=admin_user, assessment=sent, action="publish")
    sent.refresh_from_db()
    assert sent.status == S.PUBLISHED


def test_only_council_leads_of_the_council_confirm(sent, other_council_lead, assessor):
    for actor in (other_council_lead, assessor):
        with pytest.raises(AssessmentError, match="Only a council lead"):
            factual_accuracy_confirm(actor=actor, assessment=sent, kind="no_comments")


def test_an_admin_override_needs_a_reason_which_is_recorded(sent, admin_user, lead_assessor):
    with pytest.raises(AssessmentError, match="Only an admin"):
        publication_override_record(actor=lead_assessor, assessment=sent, reason="Because.")
    with pytest.raises(AssessmentError, match="Give the reason"):
        publication_override_record(actor=admin_user, assessment=sent, reason="  ")
    first = publication_override_record(
        actor=admin_user, assessment=sent, reason="Council asked in writing to publish now."
    )
    # A repeated post (a double click) records nothing more: one authorisation per sending.
    again = publication_override_record(
        actor=admin_user, assessment=sent, reason="Council asked in writing to publish now."
    )
    assert again.pk == first.pk
    assessment_transition(actor=admin_user, assessment=sent, action="publish")
    override = PublicationOverride.objects.get(assessment=sent)
    assert override.reason == "Council asked in writing to publish now."
    event = AuditEvent.objects.get(assessment=sent, action="publication.override")
    assert event.note == override.reason


def test_publishing_after_the_deadline_needs_nothing_more(sent, admin_user):
    sent.fa_due_on = datetime.date.today() - datetime.timedelta(days=1)
    sent.save()
    assessment_transition(actor=admin_user, assessment=sent, action="publish")
    sent.refresh_from_db()
    assert sent.status == S.PUBLISHED


def test_a_confirmation_is_for_one_sending_only(sent, admin_user, council_lead, lead_assessor):
    factual_accuracy_confirm(actor=council_lead, assessment=sent, kind="no_comments")
    assessment_transition(actor=lead_assessor, assessment=sent, action="return_to_scoring",
                          note="More work.")  # fmt: skip
    sent.status = S.QUALITY_ASSURANCE
    sent.save()
    sent.fa_sent_on = None
    sent.save()
    _send(sent, lead_assessor)  # sent again today: same day, so same sending date
    # A same-day resend keeps the confirmation (one per sending date); a later one does not.
    sent.fa_sent_on = datetime.date.today() + datetime.timedelta(days=1)
    sent.save()
    with pytest.raises(AssessmentError, match="factual accuracy check runs until"):
        assessment_transition(actor=admin_user, assessment=sent, action="publish")


# ---- pre-election pauses ---------------------------------------------------------------------


def test_publishing_in_a_pause_is_refused_naming_the_period(sent, admin_user, council_lead):
    factual_accuracy_confirm(actor=council_lead, assessment=sent, kind="no_comments")
    today = datetime.date.today()
    publication_pause_create(
        actor=admin_user, name="Pre-election period (Nottingham)", starts_on=today,
        ends_on=today + datetime.timedelta(days=5), councils=[council("Nottingham")],
    )  # fmt: skip
    pause = publication_pause_create(
        actor=admin_user, name="Local elections pre-election period", starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
    )  # fmt: skip
    with pytest.raises(AssessmentError, match="Publication is paused for Local elections"):
        assessment_transition(actor=admin_user, assessment=sent, action="publish")
    pause.delete()
    assessment_transition(actor=admin_user, assessment=sent, action="publish")  # Suffolk: free


def test_only_admins_define_pauses_and_dates_must_not_be_reversed(admin_user, lead_assessor):
    today = datetime.date.today()
    with pytest.raises(AssessmentError, match="Only an admin"):
        publication_pause_create(actor=lead_assessor, name="X", starts_on=today, ends_on=today)
    with pytest.raises(AssessmentError, match="end on or after"):
        publication_pause_create(
            actor=admin_user, name="X", starts_on=today, ends_on=today - datetime.timedelta(1)
        )


# ---- challenges: evidence, score changes ---------------------------------------------------------


@pytest.fixture
def statement(assessment):
    return QualityStatement.objects.get(framework=assessment.framework, number=6)


def _raise(sent, council_lead, statement, kind, **extra):
    return challenge_raise(
        actor=council_lead, assessment=sent, statement=statement, kind=kind,
        text_challenged="Waiting lists doubled.", proposed_correction="They fell.", **extra,
    )  # fmt: skip


def test_a_factual_inaccuracy_challenge_needs_evidence(sent, council_lead, statement):
    with pytest.raises(AssessmentError, match="needs supporting evidence") as refused:
        _raise(sent, council_lead, statement, "factual")
    assert refused.value.field == "evidence_note"
    with_reference = _raise(
        sent, council_lead, statement, "factual", evidence_note="Performance report p.4"
    )
    with_file = _raise(
        sent, council_lead, statement, "factual",
        files=[SimpleUploadedFile("waits.pdf", PDF_BYTES, content_type="application/pdf")],
    )  # fmt: skip
    assert with_reference.pk and with_file.attachments.count() == 1
    # Typographical errors and omissions keep evidence optional.
    assert _raise(sent, council_lead, statement, "typo_or_number").pk
    assert _raise(sent, council_lead, None, "omission").pk


def test_the_form_and_the_api_refuse_a_factual_challenge_without_evidence(
    client, sent, council_lead, statement
):
    client.force_login(council_lead)
    url = reverse("reviews:challenge_create", args=[sent.pk])
    page = client.get(f"{url}?on={statement.pk}&text=Waiting+lists+doubled.")
    html = page.content.decode()
    assert f'<option value="{statement.pk}" selected>' in html  # prefilled from the finding
    assert "Waiting lists doubled." in html
    response = client.post(
        url,
        {"on": statement.pk, "kind": "factual", "text_challenged": "Waiting lists doubled.",
         "proposed_correction": "They fell.", "idempotency_key": "k1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "needs supporting evidence" in response.content.decode()
    assert response.content.decode().count("Waiting lists doubled.") >= 1  # input re-shown
    api = client.post(
        f"/api/v1/assessments/{sent.pk}/challenges/",
        {"statement": 6, "kind": "factual", "text_challenged": "x", "proposed_correction": "y"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "evidence_note" in api.json()


def test_the_findings_page_links_each_finding_to_a_prefilled_challenge(
    client, sent, council_lead, statement
):
    client.force_login(council_lead)
    html = client.get(reverse("reviews:findings", args=[sent.pk])).content.decode()
    assert f"/challenges/new/?on={statement.pk}" in html
    assert "/challenges/new/?on=summary" in html


def test_an_accepted_challenge_changes_the_score_and_the_rating(
    client, sent, council_lead, lead_assessor, statement
):
    assert assessment_result(assessment=sent).display_percentage == 64
    challenge = _raise(sent, council_lead, statement, "factual", evidence_note="Audit 2024")
    challenge_decide(
        actor=lead_assessor, challenge=challenge, decision=ChallengeDecision.ACCEPTED,
        change_made="Transitions evidence was out of date; score raised.", new_score=3,
    )  # fmt: skip
    challenge.refresh_from_db()
    assert (challenge.score_before, challenge.score_after) == (2, 3)
    assert StatementScore.objects.get(assessment=sent, statement=statement).score == 3
    assert assessment_result(assessment=sent).display_percentage == 67  # 24/36
    assert AuditEvent.objects.filter(assessment=sent, action="score.change_by_challenge").exists()
    client.force_login(council_lead)
    detail = client.get(reverse("reviews:challenge_detail", args=[sent.pk, challenge.pk]))
    assert "From 2 to 3" in detail.content.decode()


def test_a_score_change_needs_a_statement_and_a_valid_score(sent, council_lead, lead_assessor):
    challenge = _raise(sent, council_lead, None, "omission")
    with pytest.raises(AssessmentError, match="Only a challenge to a quality statement"):
        challenge_decide(
            actor=lead_assessor, challenge=challenge, decision=ChallengeDecision.ACCEPTED,
            change_made="Added.", new_score=3,
        )  # fmt: skip


# ---- the calibration gate --------------------------------------------------------------------


def test_sending_is_refused_until_the_panel_signs_off(in_qa, lead_assessor):
    with pytest.raises(AssessmentError, match="calibration panel must sign off"):
        assessment_transition(
            actor=lead_assessor, assessment=in_qa, action="send_for_factual_accuracy"
        )
    calibrate(in_qa)
    score_all(in_qa, (1, 2, 2, 3, 3, 2, 3, 3, 3))  # changed after the sign-off
    with pytest.raises(AssessmentError, match="Scores changed since the calibration panel"):
        assessment_transition(
            actor=lead_assessor, assessment=in_qa, action="send_for_factual_accuracy"
        )
