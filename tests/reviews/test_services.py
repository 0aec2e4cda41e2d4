"""Findings with history, challenges with decisions, deadline extensions, frozen publication."""

import datetime

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.errors import AssessmentError
from assessments.models import AssessmentStatus, QualityStatement
from audit.models import AuditEvent
from reviews.models import ChallengeDecision, DeadlineExtension, StatementFinding
from reviews.services import (
    challenge_decide,
    challenge_raise,
    deadline_extend,
    finding_update,
    summary_update,
)
from tests.factories import ChallengeFactory

pytestmark = pytest.mark.django_db
S = AssessmentStatus
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def statement(assessment):
    return QualityStatement.objects.get(framework=assessment.framework, number=7)


@pytest.fixture
def in_fa(assessment):
    assessment.status = S.FACTUAL_ACCURACY
    assessment.fa_sent_on = datetime.date.today() - datetime.timedelta(days=2)
    assessment.fa_due_on = datetime.date.today() + datetime.timedelta(days=10)
    assessment.save()
    return assessment


def test_findings_are_written_with_history(assessment, assessor, lead_assessor, statement):
    assessment.status = S.SCORING
    assessment.save()
    finding_update(
        actor=assessor,
        assessment=assessment,
        statement=statement,
        strengths="Safeguarding enquiries are timely.",
        direction="improving",
    )
    finding = finding_update(
        actor=lead_assessor,
        assessment=assessment,
        statement=statement,
        expected_version=1,
        strengths="Safeguarding enquiries are prompt.",
    )
    assert finding.version == 2 and finding.direction == "improving"
    events = AuditEvent.objects.filter(action="finding.update").order_by("pk")
    assert events.count() == 2
    assert events[1].actor == lead_assessor
    assert events[1].changes == {
        "strengths": ["Safeguarding enquiries are timely.", "Safeguarding enquiries are prompt."]
    }


def test_a_stale_edit_is_refused(assessment, assessor, statement):
    assessment.status = S.SCORING
    assessment.save()
    finding_update(actor=assessor, assessment=assessment, statement=statement, strengths="A")
    finding_update(
        actor=assessor,
        assessment=assessment,
        statement=statement,
        strengths="B",
        expected_version=1,
    )
    with pytest.raises(AssessmentError, match="Someone else changed this"):
        finding_update(
            actor=assessor,
            assessment=assessment,
            statement=statement,
            strengths="C",
            expected_version=1,
        )
    assert StatementFinding.objects.get().strengths == "B"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.PUBLISHED, "published: its findings can no longer change"),
        (S.WITHDRAWN, "withdrawn"),
        (S.EVIDENCE_GATHERING, "from scoring and drafting on"),
    ],
)
def test_findings_are_frozen_outside_drafting(assessment, admin_user, statement, status, message):
    assessment.status = status
    assessment.published_on = datetime.date(2025, 6, 2)
    assessment.save()
    with pytest.raises(AssessmentError, match=message):
        summary_update(actor=admin_user, assessment=assessment, summary="New")
    with pytest.raises(AssessmentError, match=message):
        finding_update(actor=admin_user, assessment=assessment, statement=statement, strengths="x")


def test_only_the_team_edits_findings(assessment, outside_assessor, council_lead):
    assessment.status = S.FACTUAL_ACCURACY
    assessment.save()
    for actor in (outside_assessor, council_lead):
        with pytest.raises(AssessmentError, match="Only the assessment team"):
            summary_update(actor=actor, assessment=assessment, summary="Mine now")


def test_council_lead_raises_a_challenge_with_a_file_and_the_team_is_emailed(
    in_fa, council_lead, lead_assessor, assessor, statement, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("minutes.pdf", PDF_BYTES, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        challenge = challenge_raise(
            actor=council_lead,
            assessment=in_fa,
            statement=statement,
            kind="factual",
            text_challenged="No safeguarding board.",
            proposed_correction="The board has met monthly since 2022.",
            files=[upload],
        )
    attachment = challenge.attachments.get()
    assert attachment.original_name == "minutes.pdf"
    assert attachment.stored_name != "minutes.pdf" and attachment.content_type == "application/pdf"
    with storages["private"].open(attachment.stored_name) as handle:
        assert handle.read() == PDF_BYTES
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead_assessor.email, assessor.email])
    assert f"/challenges/{challenge.pk}/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="challenge.raise", target_id=str(challenge.pk)).exists()


def test_challenges_only_from_council_leads_of_the_council(in_fa, other_council_lead, assessor):
    for actor in (other_council_lead, assessor):
        with pytest.raises(AssessmentError, match="Only a council lead of this council"):
            challenge_raise(
                actor=actor,
                assessment=in_fa,
                statement=None,
                kind="omission",
                text_challenged="x",
                proposed_correction="y",
            )


def test_challenges_after_the_deadline_are_refused_until_an_admin_extends_it(
    in_fa, council_lead, admin_user
):
    in_fa.fa_due_on = datetime.date.today() - datetime.timedelta(days=1)
    in_fa.save()
    kwargs = {
        "assessment": in_fa,
        "statement": None,
        "kind": "typo_or_number",
        "text_challenged": "72%",
        "proposed_correction": "75%",
    }
    with pytest.raises(AssessmentError, match="closed on .* unless|only if an admin extends"):
        challenge_raise(actor=council_lead, **kwargs)
    new_due = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(AssessmentError, match="Only an admin"):
        deadline_extend(actor=council_lead, assessment=in_fa, new_due_on=new_due, reason="x")
    with pytest.raises(AssessmentError, match="reason"):
        deadline_extend(actor=admin_user, assessment=in_fa, new_due_on=new_due, reason=" ")
    extension = deadline_extend(
        actor=admin_user, assessment=in_fa, new_due_on=new_due, reason="Council IT outage."
    )
    assert extension.previous_due_on == datetime.date.today() - datetime.timedelta(days=1)
    in_fa.refresh_from_db()
    assert in_fa.fa_due_on == new_due
    assert AuditEvent.objects.filter(action="assessment.extend_deadline").get().changes[
        "fa_due_on"
    ] == [extension.previous_due_on.isoformat(), new_due.isoformat()]
    assert challenge_raise(actor=council_lead, **kwargs).pk
    assert DeadlineExtension.objects.count() == 1


def test_deadline_cannot_move_earlier(in_fa, admin_user):
    with pytest.raises(AssessmentError, match="must be after the current one"):
        deadline_extend(actor=admin_user, assessment=in_fa, new_due_on=in_fa.fa_due_on, reason="x")


def test_accepting_changes_the_finding_and_records_the_change(
    in_fa, council_lead, lead_assessor, statement, django_capture_on_commit_callbacks
):
    finding_update(actor=lead_assessor, assessment=in_fa, statement=statement, strengths="Old")
    challenge = ChallengeFactory(assessment=in_fa, statement=statement, raised_by=council_lead)
    with pytest.raises(AssessmentError, match="Describe the change made"):
        challenge_decide(actor=lead_assessor, challenge=challenge, decision="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        challenge_decide(
            actor=lead_assessor,
            challenge=challenge,
            decision="accepted",
            change_made="Strengths corrected.",
            finding_values={"strengths": "Corrected", "direction": "improving"},
        )
    challenge.refresh_from_db()
    assert (
        challenge.decision == ChallengeDecision.ACCEPTED and challenge.decided_by == lead_assessor
    )
    assert StatementFinding.objects.get(statement=statement).strengths == "Corrected"
    assert [m.to for m in mail.outbox] == [[council_lead.email]]
    assert "Accepted" in mail.outbox[0].body and "Strengths corrected." in mail.outbox[0].body
    with pytest.raises(AssessmentError, match="already decided"):
        challenge_decide(
            actor=lead_assessor, challenge=challenge, decision="not_accepted", reason="x"
        )


def test_not_accepting_needs_a_reason(in_fa, council_lead, assessor):
    challenge = ChallengeFactory(assessment=in_fa, raised_by=council_lead)
    with pytest.raises(AssessmentError, match="reason"):
        challenge_decide(actor=assessor, challenge=challenge, decision="not_accepted")
    challenge_decide(
        actor=assessor, challenge=challenge, decision="not_accepted", reason="Correct as written."
    )
    challenge.refresh_from_db()
    assert challenge.decision_reason == "Correct as written."


def test_only_the_team_decides(in_fa, council_lead, outside_assessor):
    challenge = ChallengeFactory(assessment=in_fa, raised_by=council_lead)
    for actor in (council_lead, outside_assessor):
        with pytest.raises(AssessmentError, match="Only the assessment team"):
            challenge_decide(actor=actor, challenge=challenge, decision="not_accepted", reason="x")


def test_a_rejected_file_leaves_nothing_behind(in_fa, council_lead):
    bad = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="must be a PDF"):
        challenge_raise(
            actor=council_lead,
            assessment=in_fa,
            statement=None,
            kind="factual",
            text_challenged="x",
            proposed_correction="y",
            files=[bad],
        )
