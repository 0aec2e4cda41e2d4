"""Document requests: raised by the team, answered by the council, reviewed by the team;
reminders of their due dates (each sent once)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

import policy
from assessments import working_days
from assessments.models import Assessment, QualityStatement
from audit.actions import AuditAction
from audit.services import audit_record
from returns import emails, selectors
from returns.models import (
    AWAITING_COUNCIL,
    DocumentRequest,
    Reminder,
    ReminderKind,
    RequestResponse,
    RequestStatus,
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

# What the team may do with an answered request, and the status each leads to.
REVIEW_DECISIONS = {
    "accept": RequestStatus.ACCEPTED,
    "more_needed": RequestStatus.MORE_NEEDED,
    "withdraw": RequestStatus.WITHDRAWN,
}


def request_default_due(raised_on: datetime.date) -> datetime.date:
    return working_days.add_working_days(raised_on, settings.REQUEST_DUE_WORKING_DAYS)


@transaction.atomic
def request_create(
    *,
    actor,
    assessment: Assessment,
    title: str,
    reason: str,
    statements: Sequence[QualityStatement],
    due_on: datetime.date,
) -> DocumentRequest:
    """Raise a request: what, why, the statements it concerns and a due date after today.
    The council's leads and contributors are notified and emailed."""
    if not policy.can_manage_requests(actor, assessment):
        raise ReturnsError("Only the assessment team can raise requests while gathering evidence.")
    statements = list(statements)
    if not statements:
        raise ReturnsError("Select at least one quality statement", field="statements")
    if any(s.framework_id != assessment.framework_id for s in statements):
        raise ReturnsError("Select statements of this assessment's framework", field="statements")
    if due_on <= timezone.localdate():
        raise ReturnsError("The due date must be in the future", field="due_on")
    title, reason = title.strip(), clean_text(reason, field="reason", label="The reason")
    if not title:
        raise ReturnsError("Enter what is needed", field="title")
    if not reason:
        raise ReturnsError("Enter why it is needed", field="reason")
    request = DocumentRequest(
        assessment=assessment, title=title, reason=reason, due_on=due_on, raised_by=actor
    )
    request.full_clean(exclude=["assessment", "raised_by"])
    request.save()
    request.statements.set(statements)
    audit_record(
        actor=actor,
        action=AuditAction.REQUEST_CREATE,
        target=request,
        assessment=assessment,
        changes={"title": [None, title], "due_on": [None, due_on.isoformat()]},
    )
    notify(
        selectors.council_members(assessment),
        kind="request_raised",
        message=f"New document request: {title} (due {due_on:%-d %B %Y}).",
        url=request.get_absolute_url(),
    )
    transaction.on_commit(lambda: emails.request_raised(request.pk))
    return request


@atomic_with_files
def response_create(
    *, actor, request: DocumentRequest, text: str = "", link: str = "", files: Sequence = ()
) -> RequestResponse:
    """The council answers a request with files, a link and/or text (at least one). The
    request becomes "answered"; the team is notified."""
    current = DocumentRequest.objects.select_for_update().get(pk=request.pk)
    if not policy.can_answer_for_council(actor, current.assessment):
        raise ReturnsError("Requests can no longer be answered.")
    if current.status not in (*AWAITING_COUNCIL, RequestStatus.ANSWERED):
        raise ReturnsError(f"This request is {current.get_status_display().lower()}.")
    text, link = clean_text(text), clean_link(link)
    if not (text or link or files):
        raise ReturnsError("Add a file, a link or text", field="text")
    response = RequestResponse.objects.create(
        request=current, text=text, link=link, created_by=actor
    )
    store_files(actor=actor, files=files, response=response)
    before = current.status
    current.status = RequestStatus.ANSWERED
    current.version += 1
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction.REQUEST_ANSWER,
        target=current,
        assessment=current.assessment,
        changes={"status": [before, current.status]},
    )
    notify(
        selectors.team_members(current.assessment),
        kind="request_answered",
        message=f"{current.assessment.council.name} answered “{current.title}”.",
        url=current.get_absolute_url(),
    )
    return response


@transaction.atomic
def request_review(
    *, actor, request: DocumentRequest, decision: str, note: str = "", version: int | None = None
) -> DocumentRequest:
    """The team accepts an answered request, asks for more (with a note and optionally a
    new due date) or withdraws it (with a note). Accepted and withdrawn requests are closed."""
    current = DocumentRequest.objects.select_for_update().get(pk=request.pk)
    if not policy.can_manage_requests(actor, current.assessment):
        raise ReturnsError("Only the assessment team can review requests.")
    if version is not None and current.version != version:
        raise StaleAnswerError()
    if decision not in REVIEW_DECISIONS:
        raise ReturnsError("Choose what to do with the request", field="decision")
    if current.status in (RequestStatus.ACCEPTED, RequestStatus.WITHDRAWN):
        raise ReturnsError(f"This request is already {current.get_status_display().lower()}.")
    if decision == "accept" and current.status != RequestStatus.ANSWERED:
        raise ReturnsError("Only an answered request can be accepted.", field="decision")
    note = clean_text(note, field="note", label="The note")
    if decision in ("more_needed", "withdraw") and not note:
        raise ReturnsError("Enter a note for the council", field="note")
    before = current.status
    current.status = REVIEW_DECISIONS[decision]
    current.note = note
    current.version += 1
    current.save()
    audit_record(
        actor=actor,
        action=AuditAction(f"request.{decision}"),
        target=current,
        assessment=current.assessment,
        changes={"status": [before, current.status]},
        note=note,
    )
    if decision != "accept":
        notify(
            selectors.council_members(current.assessment),
            kind=f"request_{decision}",
            message=f"“{current.title}”: {current.get_status_display().lower()}. {note}",
            url=current.get_absolute_url(),
        )
    return current


# ---- reminders ---------------------------------------------------------------------------


def reminder_kind_due(request: DocumentRequest, today: datetime.date) -> str | None:
    """Which reminder a request awaiting the council is due for today, if any: "on_due" on
    the due date, "before_due" from two working days before it (so a missed run catches up
    the next day); none once overdue or when not awaiting the council."""
    if request.status not in AWAITING_COUNCIL or request.due_on < today:
        return None
    if request.due_on == today:
        return ReminderKind.ON_DUE
    if working_days.working_days_between(today, request.due_on) <= 2:
        return ReminderKind.BEFORE_DUE
    return None


def reminder_send(*, request_id: int, kind: str) -> bool:
    """Send one reminder at most once: the (request, kind) row is committed before the email
    goes out, so a retry, a second worker or a restarted beat finds it and sends nothing.
    Returns whether this call sent it. (A crash between the two leaves the row with no
    sent_at: at most once, never twice.)"""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(request_id=request_id, kind=kind)
    except IntegrityError:
        return False
    request = DocumentRequest.objects.select_related("assessment__council").get(pk=request_id)
    with transaction.atomic():
        when = "in two working days" if kind == ReminderKind.BEFORE_DUE else "today"
        notify(
            selectors.council_members(request.assessment),
            kind=f"reminder_{kind}",
            message=f"Reminder: “{request.title}” is due {when} ({request.due_on:%-d %B %Y}).",
            url=request.get_absolute_url(),
        )
    emails.request_reminder(request.pk, kind)
    Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
    return True


def reminders_send_due(*, today: datetime.date | None = None) -> int:
    """Send every reminder due today (the beat runs this periodically). Returns how many."""
    today = today or timezone.localdate()
    sent = 0
    for request in selectors.requests_awaiting_reminders(today=today):
        kind = reminder_kind_due(request, today)
        if kind and reminder_send(request_id=request.pk, kind=kind):
            sent += 1
    return sent
