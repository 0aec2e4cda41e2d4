"""Issuing, answering, submitting and reopening the information return; the self-assessment."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

import policy
from assessments import working_days
from assessments.models import Assessment, QualityStatement, Theme
from audit.actions import AuditAction
from audit.services import audit_record
from returns import emails, selectors
from returns.models import (
    DONE_ANSWER_STATUSES,
    AnswerStatus,
    InformationReturn,
    ReturnAnswer,
    ReturnStatus,
    SelfAssessmentSection,
)
from returns.services.common import (
    ReturnsError,
    StaleAnswerError,
    atomic_with_files,
    clean_link,
    clean_text,
    notify,
    store_files,
)


def return_default_due(issued_on: datetime.date) -> datetime.date:
    """The default due date: RETURN_DUE_WORKING_DAYS working days after issue (weekends and
    England and Wales bank holidays skipped)."""
    return working_days.add_working_days(issued_on, settings.RETURN_DUE_WORKING_DAYS)


@transaction.atomic
def return_issue(
    *, actor, assessment: Assessment, due_on: datetime.date | None = None
) -> InformationReturn:
    """Issue the information return of `assessment` under the current template.

    One return per assessment; only the lead assessor (or an admin) while the assessment is
    planned or gathering evidence; the due date must be after today. An answer row is made
    for every item (not started). The council's leads are emailed (after commit) and
    notified in the service.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not policy.can_issue_return(actor, assessment):
        raise ReturnsError(
            "Only the lead assessor can issue the information return, before scoring starts."
        )
    if selectors.return_exists(assessment):
        raise ReturnsError("The information return has already been issued.")
    template = selectors.current_template_for(assessment.framework)
    if template is None:
        raise ReturnsError("There is no information return template for this framework.")
    today = timezone.localdate()
    due_on = due_on or return_default_due(today)
    if due_on <= today:
        raise ReturnsError("The due date must be in the future", field="due_on")
    return _issue(actor=actor, issued_by=actor, assessment=assessment, template=template,
                  due_on=due_on)  # fmt: skip


def return_issue_on_evidence_start(
    *, actor, assessment: Assessment, on: datetime.date
) -> InformationReturn | None:
    """The workflow's `then` effect of "start evidence gathering": issue the return with the
    default due date, in the lead assessor's name (the team member who started the step is
    the audit's actor). Does nothing when a return exists, when the framework has no
    template, or for a historic step (`on` before today: the demo and imports record what
    happened, they do not ask a council for anything now). Runs in the step's transaction."""
    today = timezone.localdate()
    if on < today or selectors.return_exists(assessment):
        return None
    template = selectors.current_template_for(assessment.framework)
    if template is None:
        return None
    issued_by = assessment.lead_assessor or actor
    return _issue(actor=actor, issued_by=issued_by, assessment=assessment, template=template,
                  due_on=return_default_due(today))  # fmt: skip


def _issue(*, actor, issued_by, assessment, template, due_on) -> InformationReturn:
    information_return = InformationReturn(
        assessment=assessment, template=template, due_on=due_on, issued_by=issued_by
    )
    information_return.full_clean(exclude=["assessment", "template", "issued_by"])
    information_return.save()
    ReturnAnswer.objects.bulk_create(
        ReturnAnswer(information_return=information_return, item=item)
        for item in selectors.template_items(template)
    )
    audit_record(
        actor=actor,
        action=AuditAction.RETURN_ISSUE,
        target=information_return,
        assessment=assessment,
        changes={"due_on": [None, due_on.isoformat()], "template": [None, str(template)]},
    )
    notify(
        selectors.council_leads(assessment),
        kind="return_issued",
        message=f"The information return is due on {due_on:%-d %B %Y}.",
        url=information_return.get_absolute_url(),
    )
    transaction.on_commit(lambda: emails.return_issued(information_return.pk))
    return information_return


def _open_return(information_return: InformationReturn) -> InformationReturn:
    current = InformationReturn.objects.select_for_update().get(pk=information_return.pk)
    if current.status == ReturnStatus.SUBMITTED:
        raise ReturnsError(
            "The return has been submitted and is read-only. The assessment team can reopen it."
        )
    return current


@atomic_with_files
def answer_update(
    *,
    actor,
    answer: ReturnAnswer,
    version: int,
    status: str,
    text: str = "",
    link: str = "",
    not_held_reason: str = "",
    files: Sequence = (),
) -> ReturnAnswer:
    """Save the council's answer to one item: files (checked as evidence attachments), a
    link (http or https, never fetched), text, and a status.

    "Ready" needs something to read (a file, a link or text); "not held" needs a reason.
    Refused once the return is submitted, or when the answer changed since `version`.
    """
    current = ReturnAnswer.objects.select_for_update().get(pk=answer.pk)
    _open_return(current.information_return)
    if current.version != version:
        raise StaleAnswerError()
    if status not in AnswerStatus.values:
        raise ReturnsError("Select a status", field="status")
    link = clean_link(link)
    text = clean_text(text)
    reason = clean_text(not_held_reason, field="not_held_reason", label="The reason")
    before = {"status": current.status, "text": current.text, "link": current.link}
    current.text, current.link = text, link
    current.not_held_reason = reason if status == AnswerStatus.NOT_HELD else ""
    store_files(actor=actor, files=files, answer=current)
    has_content = bool(text or link or files or current.files.exists())
    if status == AnswerStatus.NOT_HELD and not reason:
        raise ReturnsError("Enter why the council does not hold this", field="not_held_reason")
    if status == AnswerStatus.READY and not has_content:
        raise ReturnsError(
            "Add a file, a link or text before marking the item ready", field="status"
        )
    if status == AnswerStatus.NOT_STARTED and has_content:
        status = AnswerStatus.IN_PROGRESS  # something is there now
    current.status = status
    current.updated_by = actor
    current.version = version + 1
    current.full_clean(exclude=["information_return", "item", "updated_by"])
    current.save()
    after = {"status": current.status, "text": current.text, "link": current.link}
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if files:
        changes["files"] = [None, [f.name for f in files]]
    audit_record(
        actor=actor,
        action=AuditAction.RETURN_ANSWER,
        target=current,
        assessment=current.information_return.assessment,
        changes=changes,
    )
    return current


@transaction.atomic
def return_submit(*, actor, information_return: InformationReturn) -> InformationReturn:
    """Submit the whole return: every item ready or marked "not held" with a reason. The
    self-assessment's drafts are submitted with it. The team is notified and emailed."""
    current = _open_return(information_return)
    assessment = current.assessment
    if not policy.can_submit_return(actor, assessment):
        raise ReturnsError("Only a council lead can submit the return.")
    waiting = current.answers.exclude(status__in=DONE_ANSWER_STATUSES).count()
    if waiting:
        raise ReturnsError(
            f"{waiting} item{'s' if waiting != 1 else ''} still "
            f"need{'s' if waiting == 1 else ''} to be ready or marked “not held” with a reason."
        )
    now = timezone.now()
    current.status = ReturnStatus.SUBMITTED
    current.submitted_by, current.submitted_at = actor, now
    current.version += 1
    current.save()
    SelfAssessmentSection.objects.filter(assessment=assessment, submitted_at__isnull=True).exclude(
        text=""
    ).update(submitted_at=now, submitted_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.RETURN_SUBMIT,
        target=current,
        assessment=assessment,
        changes={"status": [ReturnStatus.IN_PREPARATION, ReturnStatus.SUBMITTED]},
    )
    notify(
        selectors.team_members(assessment),
        kind="return_submitted",
        message=f"{assessment.council.name} submitted its information return.",
        url=current.get_absolute_url(),
    )
    transaction.on_commit(lambda: emails.return_submitted(current.pk))
    return current


@transaction.atomic
def return_reopen(*, actor, information_return: InformationReturn, note: str) -> InformationReturn:
    """The team reopens a submitted return with a note saying what is needed; the council
    may change it again until it submits once more."""
    current = InformationReturn.objects.select_for_update().get(pk=information_return.pk)
    if not policy.can_manage_requests(actor, current.assessment):
        raise ReturnsError("Only the assessment team can reopen the return.")
    if current.status != ReturnStatus.SUBMITTED:
        raise ReturnsError("The return is not submitted, so there is nothing to reopen.")
    note = clean_text(note, field="note", label="The note")
    if not note:
        raise ReturnsError("Enter what the council needs to change", field="note")
    current.status = ReturnStatus.IN_PREPARATION
    current.reopened_note, current.reopened_at = note, timezone.now()
    current.version += 1
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction.RETURN_REOPEN,
        target=current,
        assessment=current.assessment,
        changes={"status": [ReturnStatus.SUBMITTED, ReturnStatus.IN_PREPARATION]},
        note=note,
    )
    notify(
        selectors.council_members(current.assessment),
        kind="return_reopened",
        message=f"The assessment team reopened the information return: {note}",
        url=current.get_absolute_url(),
    )
    return current


# ---- self-assessment ---------------------------------------------------------------------


@transaction.atomic
def self_assessment_save(
    *,
    actor,
    assessment: Assessment,
    theme: Theme,
    statement: QualityStatement | None = None,
    text: str,
    version: int | None = None,
) -> SelfAssessmentSection:
    """Save a draft narrative for a theme (or one of its statements). A submitted section
    can still be improved while the return is open; it then counts as a new draft."""
    if not policy.can_answer_for_council(actor, assessment):
        raise ReturnsError("The self-assessment can no longer be changed.")
    if theme.framework_id != assessment.framework_id or (
        statement is not None and statement.theme_id != theme.pk
    ):
        raise ReturnsError("Choose a theme of this assessment's framework.")
    text = clean_text(text, label="The self-assessment")
    section = (
        # Lock this row only: the default ordering joins the nullable statement, and
        # PostgreSQL cannot lock the nullable side of an outer join.
        SelfAssessmentSection.objects.select_for_update(of=("self",))
        .filter(assessment=assessment, theme=theme, statement=statement)
        .order_by("pk")
        .first()
    )
    if section is None:
        section = SelfAssessmentSection(
            assessment=assessment, theme=theme, statement=statement, updated_by=actor
        )
    elif version is not None and section.version != version:
        raise StaleAnswerError()
    before = section.text
    section.text = text
    section.updated_by = actor
    section.submitted_at = section.submitted_by = None
    section.version = (section.version or 0) + (1 if section.pk else 0)
    section.save()
    audit_record(
        actor=actor,
        action=AuditAction.SELF_ASSESSMENT_SAVE,
        target=section,
        assessment=assessment,
        changes={"text": [before, text]} if before != text else {},
    )
    return section


@transaction.atomic
def self_assessment_submit(*, actor, assessment: Assessment) -> int:
    """Submit every drafted section now (separately from the return). Returns how many."""
    if not policy.can_submit_return(actor, assessment):
        raise ReturnsError("Only a council lead can submit the self-assessment.")
    drafts = SelfAssessmentSection.objects.filter(
        assessment=assessment, submitted_at__isnull=True
    ).exclude(text="")
    count = drafts.update(submitted_at=timezone.now(), submitted_by=actor)
    if not count:
        raise ReturnsError("There is no drafted section to submit.")
    audit_record(
        actor=actor,
        action=AuditAction.SELF_ASSESSMENT_SUBMIT,
        target=assessment,
        assessment=assessment,
        changes={"sections_submitted": [None, count]},
    )
    notify(
        selectors.team_members(assessment),
        kind="self_assessment_submitted",
        message=f"{assessment.council.name} submitted its self-assessment.",
        url=selectors.self_assessment_url(assessment),
    )
    return count
