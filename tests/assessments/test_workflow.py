"""The workflow: one map of transitions, one service, recorded, audited and emailed."""

import datetime
from dataclasses import replace

import pytest
from django.core import mail

import policy
from assessments import notifications, workflow
from assessments.models import (
    OPEN_FOR_EVIDENCE,
    OPEN_FOR_FINDINGS,
    AssessmentStatus,
    StatusTransition,
)
from assessments.services import (
    AssessmentError,
    assessment_transition,
    assessment_transition_problem,
    statement_score_set,
)
from audit.models import AuditEvent
from evidence import services as evidence_services
from reports.models import Report
from reviews.models import ChallengeDecision
from tests.factories import (
    AssessmentFactory,
    ChallengeFactory,
    EvidenceItemFactory,
    calibrate,
    confirm_factual_accuracy,
    score_all,
    write_summary,
)

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def test_the_map_names_each_transition_and_who_may_make_it():
    assert workflow.TRANSITIONS[(S.PLANNED, S.EVIDENCE_GATHERING)] == {"team", "admin"}
    assert workflow.TRANSITIONS[(S.SCORING, S.QUALITY_ASSURANCE)] == {"team", "admin"}
    assert workflow.TRANSITIONS[(S.QUALITY_ASSURANCE, S.FACTUAL_ACCURACY)] == {
        "lead_assessor",
        "admin",
    }
    assert workflow.TRANSITIONS[(S.FACTUAL_ACCURACY, S.PUBLISHED)] == {"admin"}
    for status in (S.PLANNED, S.EVIDENCE_GATHERING, S.SCORING, S.QUALITY_ASSURANCE):
        assert workflow.TRANSITIONS[(status, S.WITHDRAWN)] == {"admin"}
    # Nothing leaves a closed status.
    assert not [key for key in workflow.TRANSITIONS if key[0] in (S.PUBLISHED, S.WITHDRAWN)]
    assert workflow.get_action("withdraw").note_required


def test_walk_from_planned_to_published(
    assessment, lead_assessor, assessor, admin_user, council_lead
):
    assessment.status = S.PLANNED
    assessment.save()
    assessment_transition(actor=assessor, assessment=assessment, action="start_evidence")
    assessment_transition(actor=assessor, assessment=assessment, action="start_scoring")
    score_all(assessment, (3, 3, 3, 3, 3, 3, 3, 3, 2))
    write_summary(assessment)
    # People's experience evidence for every statement (required before QA, issue 15).
    EvidenceItemFactory(
        assessment=assessment, statements=list(assessment.framework.quality_statements.all())
    )
    assessment_transition(actor=assessor, assessment=assessment, action="submit_for_qa")
    calibrate(assessment)
    assessment_transition(
        actor=lead_assessor, assessment=assessment, action="send_for_factual_accuracy"
    )
    confirm_factual_accuracy(assessment, council_lead)
    assessment_transition(actor=admin_user, assessment=assessment, action="publish")
    assessment.refresh_from_db()
    assert assessment.status == S.PUBLISHED
    assert assessment.published_on == datetime.date.today()
    assert assessment.published_rating == "good"
    assert assessment.published_percentage == pytest.approx(100 * 26 / 36)
    steps = list(StatusTransition.objects.filter(assessment=assessment).order_by("pk"))
    assert [(t.from_status, t.to_status) for t in steps] == [
        (S.PLANNED, S.EVIDENCE_GATHERING),
        (S.EVIDENCE_GATHERING, S.SCORING),
        (S.SCORING, S.QUALITY_ASSURANCE),
        (S.QUALITY_ASSURANCE, S.FACTUAL_ACCURACY),
        (S.FACTUAL_ACCURACY, S.PUBLISHED),
    ]
    assert steps[-1].actor == admin_user
    audit = AuditEvent.objects.filter(assessment=assessment, action="assessment.publish").get()
    assert audit.changes["status"] == [S.FACTUAL_ACCURACY, S.PUBLISHED]
    report = Report.objects.get(assessment=assessment, kind="published")
    assert (report.kind, report.version, report.status) == ("published", 1, "queued")
    # The draft rendered at the sending is the version sent to the council (issue 16).
    draft = Report.objects.get(assessment=assessment, kind="draft")
    assert draft.sent_to_council_on == datetime.date.today()


def test_publication_uses_the_assessments_scoring_rule(admin_user):
    assessment = AssessmentFactory(status=S.FACTUAL_ACCURACY, scoring_rule="category-scores-2023")
    score_all(assessment, (3, 3, 3, 2, 2, 2, 2, 2, 2))
    assessment_transition(actor=admin_user, assessment=assessment, action="publish")
    assessment.refresh_from_db()
    assert assessment.published_rating == "requires_improvement"
    assert round(assessment.published_percentage) == 58


def test_sending_for_factual_accuracy_sets_the_dates_and_emails_the_council(
    assessment, lead_assessor, council_lead, other_council_lead, django_capture_on_commit_callbacks
):
    assessment.status = S.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment)
    write_summary(assessment)
    calibrate(assessment)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(
            actor=lead_assessor,
            assessment=assessment,
            action="send_for_factual_accuracy",
            on=datetime.date(2024, 12, 20),
        )
    assessment.refresh_from_db()
    assert assessment.fa_sent_on == datetime.date(2024, 12, 20)
    assert assessment.fa_due_on == datetime.date(2025, 1, 8)
    assert [m.to for m in mail.outbox] == [[council_lead.email]]
    assert f"/assessments/{assessment.pk}/findings/" in mail.outbox[0].body
    assert "8 January 2025" in mail.outbox[0].body


def test_emails_link_with_the_site_url(
    settings, assessment, lead_assessor, council_lead, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://assess.example.org"
    assessment.status = S.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment)
    write_summary(assessment)
    calibrate(assessment)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(
            actor=lead_assessor, assessment=assessment, action="send_for_factual_accuracy"
        )
    assert f"https://assess.example.org/assessments/{assessment.pk}/findings/" in (
        mail.outbox[0].body
    )


def test_publishing_emails_team_and_council_leads(
    assessment, admin_user, lead_assessor, assessor, council_lead,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    assessment.status = S.FACTUAL_ACCURACY
    assessment.save()
    score_all(assessment)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(actor=admin_user, assessment=assessment, action="publish")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([lead_assessor.email, assessor.email, council_lead.email])
    assert all(assessment.get_absolute_url() in m.body for m in mail.outbox)


def test_only_the_roles_in_the_map_may_transition(
    assessment, assessor, outside_assessor, council_lead
):
    assessment.status = S.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment)
    write_summary(assessment)
    for actor in (assessor, outside_assessor, council_lead):
        with pytest.raises(AssessmentError, match="Only the lead assessor or an admin"):
            assessment_transition(
                actor=actor, assessment=assessment, action="send_for_factual_accuracy"
            )
    with pytest.raises(AssessmentError, match="Only an admin"):
        assessment_transition(actor=assessor, assessment=assessment, action="withdraw", note="x")
    assessment.refresh_from_db()
    assert assessment.status == S.QUALITY_ASSURANCE
    assert not StatusTransition.objects.filter(assessment=assessment).exists()


def test_a_transition_from_the_wrong_status_is_refused(assessment, admin_user):
    with pytest.raises(AssessmentError, match="while the assessment is evidence gathering"):
        assessment_transition(actor=admin_user, assessment=assessment, action="publish")
    with pytest.raises(AssessmentError, match="not a step"):
        assessment_transition(actor=admin_user, assessment=assessment, action="teleport")


def test_quality_assurance_needs_every_statement_scored(assessment, assessor):
    assessment.status = S.SCORING
    assessment.save()
    score_all(assessment, (3, 3, 3))
    with pytest.raises(AssessmentError, match="6 of 9 are not scored"):
        assessment_transition(actor=assessor, assessment=assessment, action="submit_for_qa")


def test_sending_needs_a_summary(assessment, lead_assessor):
    assessment.status = S.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment)
    with pytest.raises(AssessmentError, match="Write the summary"):
        assessment_transition(
            actor=lead_assessor, assessment=assessment, action="send_for_factual_accuracy"
        )


def test_publication_needs_every_challenge_decided(
    assessment, admin_user, council_lead, lead_assessor
):
    assessment.status = S.FACTUAL_ACCURACY
    assessment.save()
    score_all(assessment)
    ChallengeFactory(assessment=assessment, raised_by=council_lead)
    ChallengeFactory(
        assessment=assessment,
        raised_by=council_lead,
        decision=ChallengeDecision.NOT_ACCEPTED,
        decision_reason="As at the time of the assessment the figure was right.",
        decided_by=lead_assessor,
        decided_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
    )
    with pytest.raises(AssessmentError, match="1 is still awaiting one"):
        assessment_transition(actor=admin_user, assessment=assessment, action="publish")
    assessment.refresh_from_db()
    assert assessment.status == S.FACTUAL_ACCURACY and assessment.published_on is None
    assert not Report.objects.exists()


def test_withdrawing_needs_a_reason_which_is_recorded(assessment, admin_user):
    with pytest.raises(AssessmentError, match="reason for withdrawing"):
        assessment_transition(actor=admin_user, assessment=assessment, action="withdraw")
    assessment_transition(
        actor=admin_user, assessment=assessment, action="withdraw", note="Council merged."
    )
    assessment.refresh_from_db()
    assert assessment.status == S.WITHDRAWN and assessment.withdrawn_reason == "Council merged."
    assert StatusTransition.objects.get(assessment=assessment).note == "Council merged."


def test_return_to_scoring_from_factual_accuracy_needs_a_note(assessment, lead_assessor):
    assessment.status = S.FACTUAL_ACCURACY
    assessment.save()
    with pytest.raises(AssessmentError, match="what needs to change"):
        assessment_transition(
            actor=lead_assessor, assessment=assessment, action="return_to_scoring"
        )
    assessment_transition(
        actor=lead_assessor, assessment=assessment, action="return_to_scoring", note="Rescore 7."
    )
    assessment.refresh_from_db()
    assert assessment.status == S.SCORING


def test_scores_are_frozen_from_factual_accuracy_on(assessment, assessor, admin_user):
    from assessments.models import QualityStatement

    statement = QualityStatement.objects.get(framework=assessment.framework, number=1)
    assessment.status = S.SCORING
    assessment.save()
    statement_score_set(
        actor=assessor, assessment=assessment, statement=statement, score=2, rationale="Gaps."
    )
    for status in (S.FACTUAL_ACCURACY, S.PUBLISHED):
        assessment.status = status
        assessment.published_on = datetime.date(2025, 6, 2)
        assessment.save()
        with pytest.raises(AssessmentError, match="Scores can be set only during scoring"):
            statement_score_set(
                actor=admin_user, assessment=assessment, statement=statement, score=4, rationale=""
            )
    assert assessment.scores.get().score == 2


def test_every_required_note_has_its_own_error_message():
    """'Enter why more evidence is needed', not 'Enter the why is more evidence needed'."""
    for action in workflow.ACTIONS.values():
        if action.note_required:
            assert action.note_missing.startswith("Enter "), action.name
            assert "the why" not in action.note_missing and "the what" not in action.note_missing


def test_each_step_names_its_preconditions_and_effects_in_the_map():
    send = workflow.get_action("send_for_factual_accuracy")
    assert workflow.summary_written in send.requires
    assert send.on_enter == (workflow.start_factual_accuracy_check,)
    assert send.notify == (notifications.draft_sent,)
    publish = workflow.get_action("publish")
    assert workflow.every_challenge_decided in publish.requires
    assert publish.on_enter == (workflow.freeze_published_result,)
    assert publish.then == (workflow.request_published_report,)
    assert workflow.get_action("withdraw").on_enter == (workflow.record_withdrawal_reason,)
    # Roles are the enum, not bare strings.
    for action in workflow.ACTIONS.values():
        assert action.roles and all(isinstance(r, workflow.Role) for r in action.roles)


def test_the_one_transition_service_enforces_whatever_the_map_requires(
    assessment, admin_user, monkeypatch
):
    assessment.status = S.PLANNED
    assessment.save()
    start = workflow.get_action("start_evidence")
    monkeypatch.setitem(
        workflow.ACTIONS, "start_evidence", replace(start, requires=(lambda a: "Not today.",))
    )
    assert assessment_transition_problem(assessment=assessment, action="start_evidence") == (
        "Not today."
    )
    with pytest.raises(AssessmentError, match="Not today."):
        assessment_transition(actor=admin_user, assessment=assessment, action="start_evidence")
    assessment.refresh_from_db()
    assert assessment.status == S.PLANNED


@pytest.mark.parametrize("status", list(S))
def test_status_sets_are_the_ones_the_policy_and_services_use(assessment, assessor, status):
    assessment.status = status
    assert policy.can_edit_findings(assessor, assessment) == (status in OPEN_FOR_FINDINGS)
    assert policy.can_edit_evidence(assessor, assessment) == (status in OPEN_FOR_EVIDENCE)
    assert evidence_services.EDITABLE_STATUSES == OPEN_FOR_EVIDENCE
