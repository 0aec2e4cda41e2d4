"""The tracked sample: drawing it, adding and dropping cases, consent, contact attempts and
journey notes (people's-experience evidence, personal data)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction

import policy
from assessments.models import Assessment, EvidenceCategory, QualityStatement
from assessments.services.assessments import locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record
from evidence import services as evidence_services
from evidence.models import EvidenceDirection, Route, SourceType
from evidence.services import EvidenceError
from fieldwork import sampling
from fieldwork.errors import FieldworkError
from fieldwork.models import (
    Case,
    ConsentStatus,
    ContactAttempt,
    JourneyNote,
    SampleChange,
    SampleChangeKind,
    SampleDraw,
)

STRATA_COLUMNS = {
    "age_band": "Age band",
    "primary_support_reason": "Primary support reason",
    "service_type": "Service type",
    "locality": "Locality",
    "is_carer": "Carer or not",
}
DEFAULT_SAMPLE_SIZE = 10
DEFAULT_AIM = 6
MAX_SAMPLE_SIZE = 50
PEOPLES_EXPERIENCE = "peoples-experience"


def _reason(reason: str, *, missing: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise FieldworkError(missing, field="reason")
    if len(reason) > 2000:
        raise FieldworkError("The reason must be 2,000 characters or fewer", field="reason")
    return reason


@transaction.atomic
def sample_draw(
    *,
    actor,
    assessment: Assessment,
    strata: Sequence[str],
    size: int = DEFAULT_SAMPLE_SIZE,
    aim: int = DEFAULT_AIM,
    seed: int | None = None,
    reason: str = "",
) -> SampleDraw:
    """Draw the sample: a stratified random selection (`fieldwork.sampling`) from the case
    list, reproducible from the recorded seed (a new one unless given). A redraw needs a
    reason; it replaces the sample (consent and notes already recorded stay on their cases).
    Raises FieldworkError when refused. Records one audit event."""
    assessment = locked_assessment(assessment)
    if not policy.can_draw_sample(actor, assessment):
        raise FieldworkError("Only the assessment team can draw the sample, before scoring.")
    unknown = [column for column in strata if column not in STRATA_COLUMNS]
    if unknown:
        raise FieldworkError(f"Unknown columns to stratify on: {', '.join(unknown)}", "strata")
    if not 1 <= size <= MAX_SAMPLE_SIZE:
        raise FieldworkError(f"The sample size must be between 1 and {MAX_SAMPLE_SIZE}", "size")
    if not 1 <= aim <= size:
        raise FieldworkError("The aim must be between 1 and the sample size", "aim")
    if seed is not None and not 1 <= seed <= sampling.MAX_SEED:
        raise FieldworkError(f"The seed must be between 1 and {sampling.MAX_SEED}", "seed")
    previous = assessment.sample_draws.first()
    if previous is not None:
        reason = _reason(reason, missing="Enter why the sample is being redrawn")
    cases = list(Case.objects.filter(assessment=assessment).values("reference", *STRATA_COLUMNS))
    if not cases:
        raise FieldworkError("The council has not uploaded its case list yet.")
    seed = seed or sampling.new_seed()
    chosen = sampling.draw(cases, strata=list(strata), size=size, seed=seed)
    Case.objects.filter(assessment=assessment).update(in_sample=False)
    Case.objects.filter(assessment=assessment, reference__in=chosen).update(in_sample=True)
    draw = SampleDraw(
        assessment=assessment,
        seed=seed,
        strata=list(strata),
        size=size,
        aim=aim,
        reason=reason.strip(),
        case_references=chosen,
        drawn_by=actor,
    )
    draw.full_clean()
    draw.save()
    audit_record(
        actor=actor,
        action=AuditAction.SAMPLE_DRAW,
        target=draw,
        assessment=assessment,
        changes={"seed": [previous.seed if previous else None, seed], "cases": [None, chosen]},
        note=draw.reason,
    )
    return draw


def _locked_case(case: Case) -> tuple[Case, Assessment]:
    assessment = locked_assessment(case.assessment)
    return Case.objects.select_for_update().get(pk=case.pk), assessment


@transaction.atomic
def sample_change(*, actor, case: Case, kind: str, reason: str) -> SampleChange:
    """Add a case to the sample or drop it, with a reason. Raises FieldworkError."""
    case, assessment = _locked_case(case)
    if not policy.can_draw_sample(actor, assessment):
        raise FieldworkError("Only the assessment team can change the sample, before scoring.")
    if not assessment.sample_draws.exists():
        raise FieldworkError("Draw the sample first.")
    if kind not in SampleChangeKind.values:
        raise FieldworkError("Choose whether to add or drop the case", field="kind")
    if kind == SampleChangeKind.ADD and case.in_sample:
        raise FieldworkError(f"Case {case.reference} is already in the sample.", field="kind")
    if kind == SampleChangeKind.DROP and not case.in_sample:
        raise FieldworkError(f"Case {case.reference} is not in the sample.", field="kind")
    reason = _reason(
        reason,
        missing=f"Enter why the case is being {'added' if kind == 'add' else 'dropped'}",
    )
    case.in_sample = kind == SampleChangeKind.ADD
    case.version += 1
    case.save(update_fields=["in_sample", "version"])
    change = SampleChange.objects.create(case=case, kind=kind, reason=reason, changed_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.SAMPLE_CHANGE,
        target=case,
        assessment=assessment,
        changes={"in_sample": [not case.in_sample, case.in_sample]},
        note=reason,
    )
    return change


_CONSENT_DATE_FIELD = {
    ConsentStatus.ASKED: "consent_asked_on",
    ConsentStatus.GIVEN: "consent_given_on",
    ConsentStatus.DECLINED: "consent_declined_on",
    ConsentStatus.WITHDRAWN: "consent_withdrawn_on",
}


@transaction.atomic
def case_consent_record(*, actor, case: Case, status: str, on: datetime.date) -> Case:
    """Record the person's consent: asked, given, declined or withdrawn, with the date.
    Consent is asked before it is given or declined (asking is recorded too when it was not),
    and only consent given can be withdrawn. Raises FieldworkError."""
    case, assessment = _locked_case(case)
    if not policy.can_track_cases(actor, assessment):
        raise FieldworkError(
            "Only the assessment team can record consent while it gathers evidence."
        )
    if not case.in_sample:
        raise FieldworkError(f"Case {case.reference} is not in the sample.")
    if status not in _CONSENT_DATE_FIELD:
        raise FieldworkError("Choose the consent status", field="status")
    if status == ConsentStatus.WITHDRAWN and case.consent != ConsentStatus.GIVEN:
        raise FieldworkError("Only consent that was given can be withdrawn.", field="status")
    before = case.consent
    setattr(case, _CONSENT_DATE_FIELD[status], on)
    if status in (ConsentStatus.GIVEN, ConsentStatus.DECLINED) and case.consent_asked_on is None:
        case.consent_asked_on = on
    case.consent = status
    case.version += 1
    case.full_clean()
    case.save()
    audit_record(
        actor=actor,
        action=AuditAction.CASE_CONSENT,
        target=case,
        assessment=assessment,
        changes={"consent": [before, status]},
    )
    return case


@transaction.atomic
def contact_attempt_create(
    *, actor, case: Case, on: datetime.date, method: str, outcome: str, details: str = ""
) -> ContactAttempt:
    """Record an attempt to contact a person in the sample. Raises FieldworkError."""
    case, assessment = _locked_case(case)
    if not policy.can_track_cases(actor, assessment):
        raise FieldworkError(
            "Only the assessment team can record contact while it gathers evidence."
        )
    if not case.in_sample:
        raise FieldworkError(f"Case {case.reference} is not in the sample.")
    attempt = ContactAttempt(
        case=case, on=on, method=method, outcome=outcome, details=details.strip(),
        recorded_by=actor,
    )  # fmt: skip
    _full_clean(attempt)
    attempt.save()
    audit_record(
        actor=actor,
        action=AuditAction.CASE_CONTACT,
        target=case,
        assessment=assessment,
        changes={"contact": [None, f"{method}: {outcome}"]},
    )
    return attempt


def _full_clean(row) -> None:
    from django.core.exceptions import ValidationError

    try:
        row.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise FieldworkError(messages[0].rstrip("."), field=field) from None


@transaction.atomic
def journey_note_create(
    *,
    actor,
    case: Case,
    text: str,
    statements: Sequence[QualityStatement],
    on: datetime.date,
    direction: str = EvidenceDirection.NEUTRAL,
) -> JourneyNote:
    """Record a journey note on a tracked case with consent given: it becomes a
    people's-experience evidence item (route collected, source case tracking, marked as
    personal data) informing `statements`, linked from the note. Raises FieldworkError."""
    case, assessment = _locked_case(case)
    if not policy.can_track_cases(actor, assessment):
        raise FieldworkError(
            "Only the assessment team can write journey notes while it gathers evidence."
        )
    if not case.in_sample:
        raise FieldworkError(f"Case {case.reference} is not in the sample.")
    if case.consent != ConsentStatus.GIVEN:
        raise FieldworkError("Record the person's consent before writing notes of their journey.")
    text = (text or "").strip()
    if not text:
        raise FieldworkError("Enter the note", field="text")
    if not statements:
        raise FieldworkError("Select the quality statements the note informs", field="statements")
    category = EvidenceCategory.objects.get(
        framework_id=assessment.framework_id, code=PEOPLES_EXPERIENCE
    )
    try:
        item = evidence_services.evidence_create(
            actor=actor,
            assessment=assessment,
            statements=statements,
            category=category,
            route=Route.COLLECTED,
            source_type=SourceType.CASE_TRACKING,
            title=f"Case tracking: case {case.reference}",
            narrative=text,
            direction=direction,
            effective_date=on,
            contains_personal_data=True,
        )
    except EvidenceError as exc:
        raise FieldworkError(str(exc), field=exc.field) from None
    note = JourneyNote.objects.create(case=case, evidence_item=item, text=text, written_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CASE_NOTE,
        target=case,
        assessment=assessment,
        changes={"evidence_item": [None, item.pk]},
    )
    return note
