"""Services of the council portal: issuing, answering, submitting and reopening the return;
the self-assessment; document requests; accepting answers as evidence; contributors."""

import datetime
import hashlib

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.utils import timezone

from assessments import working_days
from assessments.models import AssessmentStatus, EvidenceCategory, QualityStatement
from audit.models import AuditEvent
from evidence.models import Route
from returns.models import (
    AnswerStatus,
    DocumentRequest,
    EvidenceSource,
    Notification,
    RequestStatus,
    ReturnStatus,
    SelfAssessmentSection,
)
from returns.services import ReturnsError, StaleAnswerError
from returns.services import contributors as contributor_services
from returns.services import evidence as evidence_services
from returns.services import requests as request_services
from returns.services import returns as services
from tests.returns.conftest import exe, pdf

pytestmark = pytest.mark.django_db


def _answer(information_return, number=1):
    return information_return.answers.get(item__number=number)


def _fill_all(information_return, actor):
    for answer in information_return.answers.all():
        services.answer_update(
            actor=actor, answer=answer, version=answer.version, status="ready", text="See policy."
        )


# ---- issuing ----------------------------------------------------------------------------


def test_issue_makes_an_answer_per_item_due_in_working_days_and_emails_the_leads(
    assessment, lead_assessor, council_lead, council_contributor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        information_return = services.return_issue(actor=lead_assessor, assessment=assessment)
    assert information_return.answers.count() == information_return.template.items.count() == 18
    assert set(information_return.answers.values_list("status", flat=True)) == {"not_started"}
    assert information_return.due_on == working_days.add_working_days(timezone.localdate(), 20)
    assert [m.to for m in mail.outbox] == [[council_lead.email]]  # leads, not contributors
    assert f"http://127.0.0.1:8000/returns/assessments/{assessment.pk}/" in mail.outbox[0].body
    assert Notification.objects.filter(user=council_lead, kind="return_issued").count() == 1
    assert AuditEvent.objects.filter(action="return.issue").count() == 1


def test_only_the_lead_assessor_issues_once_before_scoring(assessment, lead_assessor, assessor):
    with pytest.raises(ReturnsError, match="Only the lead assessor"):
        services.return_issue(actor=assessor, assessment=assessment)
    services.return_issue(actor=lead_assessor, assessment=assessment)
    with pytest.raises(ReturnsError, match="already been issued"):
        services.return_issue(actor=lead_assessor, assessment=assessment)


def test_no_issue_once_scoring(assessment, lead_assessor):
    assessment.status = AssessmentStatus.SCORING
    assessment.save()
    with pytest.raises(ReturnsError):
        services.return_issue(actor=lead_assessor, assessment=assessment)


# ---- answering --------------------------------------------------------------------------


def test_answer_with_a_file_and_a_link_is_stored_privately_with_its_sha256(
    issued, council_contributor
):
    answer = _answer(issued)
    saved = services.answer_update(
        actor=council_contributor,
        answer=answer,
        version=answer.version,
        status="ready",
        link="https://www.suffolk.gov.uk/adult-social-care/policy",
        files=[pdf()],
    )
    stored = saved.files.get()
    assert stored.sha256 == hashlib.sha256(b"%PDF-1.4 council policy").hexdigest()
    assert storages["private"].open(stored.stored_name).read() == b"%PDF-1.4 council policy"
    assert stored.stored_name.startswith("returns/") and stored.original_name == "policy.pdf"
    assert saved.status == "ready" and saved.version == answer.version + 1


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://example.org/file", "file:///etc/passwd", "not a url"]
)
def test_a_link_that_is_not_http_is_refused_with_a_clear_message(issued, council_lead, link):
    answer = _answer(issued)
    with pytest.raises(ReturnsError, match="starts with http:// or https://") as exc:
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="ready", link=link
        )
    assert exc.value.field == "link"


def test_a_file_that_is_not_an_allowed_type_is_refused_and_not_kept(issued, council_lead):
    answer = _answer(issued)
    with pytest.raises(ReturnsError, match="must be a PDF"):
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="ready",
            files=[exe()],
        )  # fmt: skip
    assert not answer.files.exists()


def test_ready_needs_content_and_not_held_needs_a_reason(issued, council_lead):
    answer = _answer(issued)
    with pytest.raises(ReturnsError, match="before marking the item ready"):
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="ready"
        )
    with pytest.raises(ReturnsError, match="does not hold"):
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="not_held"
        )
    saved = services.answer_update(
        actor=council_lead, answer=answer, version=answer.version, status="not_held",
        not_held_reason="We do not keep a separate document; see item 3.",
    )  # fmt: skip
    assert saved.status == AnswerStatus.NOT_HELD


def test_a_stale_version_saves_nothing(issued, council_lead):
    answer = _answer(issued)
    services.answer_update(
        actor=council_lead, answer=answer, version=answer.version, status="in_progress", text="a"
    )
    with pytest.raises(StaleAnswerError):
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="ready", text="b"
        )
    answer.refresh_from_db()
    assert answer.text == "a"


# ---- submitting and reopening -----------------------------------------------------------


def test_submit_needs_every_item_done_then_is_read_only_until_reopened(
    issued, council_lead, council_contributor, lead_assessor, django_capture_on_commit_callbacks
):
    with pytest.raises(ReturnsError, match="18 items still need"):
        services.return_submit(actor=council_lead, information_return=issued)
    _fill_all(issued, council_contributor)
    with pytest.raises(ReturnsError, match="Only a council lead"):
        services.return_submit(actor=council_contributor, information_return=issued)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.return_submit(actor=council_lead, information_return=issued)
    assert submitted.status == ReturnStatus.SUBMITTED and submitted.submitted_by == council_lead
    assert {tuple(m.to) for m in mail.outbox} >= {(lead_assessor.email,)}
    answer = _answer(issued)
    with pytest.raises(ReturnsError, match="read-only"):
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="ready", text="x"
        )
    with pytest.raises(ReturnsError, match="Enter what the council needs"):
        services.return_reopen(actor=lead_assessor, information_return=issued, note=" ")
    reopened = services.return_reopen(
        actor=lead_assessor, information_return=issued, note="Item 2 needs the last quarter."
    )
    assert reopened.status == ReturnStatus.IN_PREPARATION
    services.answer_update(
        actor=council_lead, answer=answer, version=answer.version, status="ready", text="new"
    )
    assert Notification.objects.filter(user=council_contributor, kind="return_reopened").exists()


# ---- self-assessment --------------------------------------------------------------------


def test_self_assessment_drafts_then_submits_separately(
    assessment, council_contributor, council_lead
):
    theme = assessment.framework.themes.get(number=1)
    statement = QualityStatement.objects.get(framework=assessment.framework, number=1)
    services.self_assessment_save(
        actor=council_contributor, assessment=assessment, theme=theme, text="Our strengths ..."
    )
    services.self_assessment_save(
        actor=council_contributor, assessment=assessment, theme=theme, statement=statement,
        text="On assessing needs ...",
    )  # fmt: skip
    with pytest.raises(ReturnsError, match="Only a council lead"):
        services.self_assessment_submit(actor=council_contributor, assessment=assessment)
    assert services.self_assessment_submit(actor=council_lead, assessment=assessment) == 2
    assert not SelfAssessmentSection.objects.filter(submitted_at__isnull=True).exists()
    with pytest.raises(ReturnsError, match="characters or fewer"):
        services.self_assessment_save(
            actor=council_lead, assessment=assessment, theme=theme, text="x" * 20_001
        )


# ---- document requests ------------------------------------------------------------------


def _raise(assessment, actor, *, due_on=None, title="Carers' strategy action plan"):
    return request_services.request_create(
        actor=actor,
        assessment=assessment,
        title=title,
        reason="To check what is planned for unpaid carers.",
        statements=QualityStatement.objects.filter(framework=assessment.framework, number=1),
        due_on=due_on or working_days.add_working_days(timezone.localdate(), 5),
    )


def test_request_answered_accepted_and_overdue_is_derived(
    assessment, assessor, council_contributor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = _raise(assessment, assessor)
    assert [m.to for m in mail.outbox] == [[council_contributor.email]]
    assert "/returns/requests/" in mail.outbox[0].body
    assert request.display_status() == "Open"
    later = request.due_on + datetime.timedelta(days=1)
    assert request.is_overdue(later) and request.display_status(later) == "Overdue"
    with pytest.raises(ReturnsError, match="Only an answered request"):
        request_services.request_review(actor=assessor, request=request, decision="accept")
    with pytest.raises(ReturnsError, match="Add a file, a link or text"):
        request_services.response_create(actor=council_contributor, request=request)
    request_services.response_create(
        actor=council_contributor, request=request, text="Attached.", files=[pdf()]
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED and not request.is_overdue(later)
    with pytest.raises(ReturnsError, match="Enter a note"):
        request_services.request_review(actor=assessor, request=request, decision="more_needed")
    request_services.request_review(actor=assessor, request=request, decision="accept")
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    with pytest.raises(ReturnsError, match="already accepted"):
        request_services.request_review(actor=assessor, request=request, decision="withdraw",
                                        note="x")  # fmt: skip


def test_the_council_cannot_raise_requests(assessment, council_lead):
    with pytest.raises(ReturnsError):
        _raise(assessment, council_lead)


# ---- reminders --------------------------------------------------------------------------


def test_reminder_kinds_two_working_days_before_and_on_the_due_date(assessment, assessor):
    request = _raise(assessment, assessor)
    due = request.due_on
    two_before = due
    for _ in range(2):  # walk back two working days
        two_before -= datetime.timedelta(days=1)
        while not working_days.is_working_day(two_before, working_days.bank_holidays((due.year,))):
            two_before -= datetime.timedelta(days=1)
    three_before = two_before - datetime.timedelta(days=1)
    while not working_days.is_working_day(three_before, working_days.bank_holidays((due.year,))):
        three_before -= datetime.timedelta(days=1)
    assert request_services.reminder_kind_due(request, three_before) is None
    assert request_services.reminder_kind_due(request, two_before) == "before_due"
    assert request_services.reminder_kind_due(request, due) == "on_due"
    assert request_services.reminder_kind_due(request, due + datetime.timedelta(days=1)) is None


def test_each_reminder_is_sent_once_however_often_the_job_runs(
    assessment, assessor, council_lead, council_contributor
):
    request = _raise(assessment, assessor)
    DocumentRequest.objects.filter(pk=request.pk).update(due_on=timezone.localdate())
    mail.outbox.clear()
    assert request_services.reminders_send_due() == 1
    assert request_services.reminders_send_due() == 0
    assert request_services.reminder_send(request_id=request.pk, kind="on_due") is False
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [council_lead.email, council_contributor.email]
    )
    assert Notification.objects.filter(kind="reminder_on_due").count() == 2
    assert request.reminders.get().sent_at is not None


# ---- into the evidence ------------------------------------------------------------------


def test_accepting_an_answer_links_the_same_file_and_the_source(issued, council_lead, assessor):
    answer = _answer(issued)
    answer = services.answer_update(
        actor=council_lead, answer=answer, version=answer.version, status="ready",
        files=[pdf()],
    )  # fmt: skip
    stored = answer.files.get()
    category = EvidenceCategory.objects.get(framework=issued.assessment.framework, code="processes")
    item = evidence_services.evidence_accept(
        actor=assessor,
        answer=answer,
        category=category,
        statements=list(answer.item.statements.all()),
        title=answer.item.title,
        narrative="Assessment and eligibility policy, 2024.",
        direction="neutral",
        effective_date=timezone.localdate(),
    )
    assert item.route == Route.REQUESTED and item.source_type == "information_return"
    assert list(item.statements.values_list("number", flat=True)) == [1]
    attachment = item.attachments.get()
    assert (attachment.stored_name, attachment.sha256) == (stored.stored_name, stored.sha256)
    assert EvidenceSource.objects.get(evidence_item=item).answer == answer
    with pytest.raises(ReturnsError, match="already evidence"):
        evidence_services.evidence_accept(
            actor=assessor, answer=answer, category=category,
            statements=list(answer.item.statements.all()), title="Again", narrative="Again",
            direction="neutral", effective_date=timezone.localdate(),
        )  # fmt: skip


def test_the_council_cannot_accept_its_own_answer_as_evidence(issued, council_lead):
    answer = _answer(issued)
    category = EvidenceCategory.objects.get(framework=issued.assessment.framework, code="processes")
    with pytest.raises(ReturnsError, match="Only the assessment team"):
        evidence_services.evidence_accept(
            actor=council_lead, answer=answer, category=category,
            statements=list(answer.item.statements.all()), title="x", narrative="x",
            direction="neutral", effective_date=timezone.localdate(),
        )  # fmt: skip


# ---- contributors -----------------------------------------------------------------------


def test_a_lead_invites_and_removes_a_contributor(
    council_lead, other_council_lead, suffolk, django_capture_on_commit_callbacks
):
    with pytest.raises(ReturnsError, match="Only a council lead of this council"):
        contributor_services.contributor_invite(
            actor=other_council_lead, council=suffolk, email="a@suffolk.gov.uk", full_name="A"
        )
    with pytest.raises(ReturnsError, match="correct format"):
        contributor_services.contributor_invite(
            actor=council_lead, council=suffolk, email="not-an-email", full_name="A"
        )
    with django_capture_on_commit_callbacks(execute=True):
        user = contributor_services.contributor_invite(
            actor=council_lead, council=suffolk, email="Ann@Suffolk.gov.uk", full_name="Ann Lee"
        )
    assert user.email == "ann@suffolk.gov.uk" and not user.has_usable_password()
    assert user.has_role("council_contributor") and suffolk.pk in user.council_ids
    assert mail.outbox[0].to == ["ann@suffolk.gov.uk"]
    assert "/returns/invitations/" in mail.outbox[0].body
    contributor_services.contributor_remove(actor=council_lead, council=suffolk, user=user)
    user = type(user).objects.get(pk=user.pk)
    assert not user.council_ids and not user.has_role("council_contributor")


def test_a_refused_answer_leaves_no_file_behind(issued, council_lead):
    answer = _answer(issued)
    before = (
        set(storages["private"].listdir("returns")[1])
        if storages["private"].exists("returns")
        else set()
    )
    with pytest.raises(ReturnsError, match="does not hold"):
        services.answer_update(
            actor=council_lead, answer=answer, version=answer.version, status="not_held",
            files=[pdf()],
        )  # fmt: skip
    after = set(storages["private"].listdir("returns")[1])
    assert after == before and not answer.files.exists()
