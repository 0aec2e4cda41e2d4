"""The on-site programme: scheduling sessions (no assessor double-booked) and recording their
notes as evidence."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

import policy
from assessments.models import Assessment, EvidenceCategory, QualityStatement
from assessments.services.assessments import locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record
from evidence import services as evidence_services
from evidence.models import EvidenceDirection, Route, SourceType
from evidence.services import EvidenceError
from fieldwork.errors import FieldworkError
from fieldwork.models import ParticipantRole, Session, SessionKind
from fieldwork.services.cases import _full_clean

P = ParticipantRole
# The evidence category a session's notes count toward, by who took part.
CATEGORY_OF_ROLE = {
    P.PEOPLE_WHO_USE_SERVICES: "peoples-experience",
    P.UNPAID_CARERS: "peoples-experience",
    P.DIRECTOR: "staff-leaders-feedback",
    P.PRINCIPAL_SOCIAL_WORKER: "staff-leaders-feedback",
    P.FRONT_LINE_STAFF: "staff-leaders-feedback",
    P.PARTNERS: "partners-feedback",
    P.PROVIDERS: "partners-feedback",
}
SOURCE_OF_KIND = {
    SessionKind.INTERVIEW: SourceType.INTERVIEW,
    SessionKind.FOCUS_GROUP: SourceType.FOCUS_GROUP,
    SessionKind.DROP_IN: SourceType.OTHER,
    SessionKind.OBSERVATION: SourceType.OTHER,
}
MAX_SESSION = datetime.timedelta(hours=12)


def _when(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")


def clashes(*, assessor_ids: Sequence[int], starts_at, ends_at, exclude: int | None = None):
    """Sessions (of any assessment) that one of the assessors attends at an overlapping time."""
    sessions = Session.objects.filter(
        assessors__in=assessor_ids, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exclude(pk=exclude)
    return sessions.select_related("assessment__council").prefetch_related("assessors").distinct()


@transaction.atomic
def session_create(
    *,
    actor,
    assessment: Assessment,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    assessors: Sequence,
    participant_roles: Sequence[str],
    with_experts_by_experience: bool = False,
    location: str = "",
    video_link: str = "",
    invite_council: bool = True,
) -> Session:
    """Schedule a session of the on-site programme. The assessors present are members of the
    team; none may be booked elsewhere at an overlapping time (refused with who and when).
    With `invite_council`, the council's leads are emailed the session with its ICS file after
    commit. Raises FieldworkError. Records one audit event."""
    assessment = locked_assessment(assessment)
    if not policy.can_schedule_sessions(actor, assessment):
        raise FieldworkError(
            "Only the assessment team can schedule sessions while it gathers evidence."
        )
    team = assessment.team_user_ids()
    assessor_ids = sorted({user.pk for user in assessors})
    if not assessor_ids:
        raise FieldworkError("Select the assessors who will be there", field="assessors")
    if set(assessor_ids) - team:
        raise FieldworkError("Assessors must be members of the assessment team", field="assessors")
    roles = list(dict.fromkeys(participant_roles))
    if not roles:
        raise FieldworkError("Select who will take part", field="participant_roles")
    if set(roles) - set(ParticipantRole.values):
        raise FieldworkError("Select who will take part from the list", field="participant_roles")
    if ends_at <= starts_at:
        raise FieldworkError("The session must end after it starts", field="ends_at")
    if ends_at - starts_at > MAX_SESSION:
        raise FieldworkError("A session can last at most 12 hours", field="ends_at")
    if not (location or "").strip() and not (video_link or "").strip():
        raise FieldworkError("Enter a location or a video link", field="location")
    # Serialise bookings of the same assessors: two concurrent bookings queue on these rows.
    list(get_user_model().objects.select_for_update().filter(pk__in=assessor_ids).order_by("pk"))
    for other in clashes(assessor_ids=assessor_ids, starts_at=starts_at, ends_at=ends_at):
        busy = [user for user in other.assessors.all() if user.pk in assessor_ids]
        names = " and ".join(user.display_name for user in busy)
        raise FieldworkError(
            f"{names} {'is' if len(busy) == 1 else 'are'} already booked from "
            f"{_when(other.starts_at)} to {timezone.localtime(other.ends_at):%H:%M} "
            f"(“{other.title}”, {other.assessment.council.name}). Choose another time or "
            "other assessors.",
            field="starts_at",
        )
    session = Session(
        assessment=assessment,
        kind=kind,
        title=(title or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        with_experts_by_experience=with_experts_by_experience,
        participant_roles=roles,
        location=(location or "").strip(),
        video_link=(video_link or "").strip(),
        invite_council=invite_council,
        created_by=actor,
    )
    _full_clean(session)
    session.save()
    session.assessors.set(assessor_ids)
    audit_record(
        actor=actor,
        action=AuditAction.SESSION_CREATE,
        target=session,
        assessment=assessment,
        changes={"starts_at": [None, session.starts_at.isoformat()], "kind": [None, kind]},
    )
    if invite_council:
        from fieldwork import emails

        transaction.on_commit(partial(emails.session_invitation, session.pk))
    return session


def categories_for(roles: Sequence[str]) -> list[str]:
    """The evidence categories a session's notes count toward, in the categories' order."""
    order = ["peoples-experience", "staff-leaders-feedback", "partners-feedback"]
    wanted = {CATEGORY_OF_ROLE[role] for role in roles if role in CATEGORY_OF_ROLE}
    return [code for code in order if code in wanted]


@transaction.atomic
def session_notes_record(
    *,
    actor,
    session: Session,
    notes: str,
    statements: Sequence[QualityStatement],
    direction: str = EvidenceDirection.NEUTRAL,
) -> Session:
    """Record what a session heard once it has happened: the notes become one evidence item
    per category its participants give (people's experience, staff and leaders, partners),
    route collected, linked back to the session; people's experience is marked as personal
    data. Notes are recorded once. Raises FieldworkError."""
    assessment = locked_assessment(session.assessment)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not policy.can_record_session_notes(actor, assessment):
        raise FieldworkError("Only the assessment team can record notes while it takes evidence.")
    if session.notes_recorded_at is not None:
        raise FieldworkError("This session's notes are already recorded.")
    if session.ends_at > timezone.now():
        raise FieldworkError("Record the notes after the session has ended.")
    notes = (notes or "").strip()
    if not notes:
        raise FieldworkError("Enter the notes", field="notes")
    if not statements:
        raise FieldworkError("Select the quality statements the notes inform", field="statements")
    codes = categories_for(session.participant_roles)
    categories = {
        category.code: category
        for category in EvidenceCategory.objects.filter(
            framework_id=assessment.framework_id, code__in=codes
        )
    }
    items = []
    for code in codes:
        try:
            items.append(
                evidence_services.evidence_create(
                    actor=actor,
                    assessment=assessment,
                    statements=statements,
                    category=categories[code],
                    route=Route.COLLECTED,
                    source_type=SOURCE_OF_KIND[session.kind],
                    title=f"{session.get_kind_display()}: {session.title}"[:200],
                    narrative=notes,
                    direction=direction,
                    effective_date=timezone.localtime(session.starts_at).date(),
                    contains_personal_data=code == "peoples-experience",
                )
            )
        except EvidenceError as exc:
            raise FieldworkError(str(exc), field=exc.field) from None
    session.notes = notes
    session.notes_recorded_at = timezone.now()
    session.save(update_fields=["notes", "notes_recorded_at"])
    session.evidence_items.add(*items)
    audit_record(
        actor=actor,
        action=AuditAction.SESSION_NOTES,
        target=session,
        assessment=assessment,
        changes={"evidence_items": [None, [item.pk for item in items]]},
    )
    return session
