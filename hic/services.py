"""A council's self-assessment against the High Impact Change Model: one maturity level and
note per change on a date. Atomic and audited."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from audit.actions import AuditAction
from audit.services import audit_record
from core import datacache, errors
from councils.models import Council
from hic.models import ChangeRating, HighImpactChange, MaturityLevel, SelfAssessment


class HicError(errors.DomainError):
    """A refusal fit to show a user."""


@transaction.atomic
def self_assessment_create(
    *,
    actor,
    council: Council,
    assessed_on: datetime.date,
    ratings: dict[HighImpactChange, tuple[int, str]],
    source_file: str = "Entered in the portal",
) -> SelfAssessment:
    """Record a council's maturity level (1-5) and note for every change on a date.

    Raises HicError for a date in the future, a second self-assessment on the same date,
    a change left out or a level that is not one of the model's. Audited."""
    if assessed_on > timezone.localdate():
        raise HicError(
            "The date of the self-assessment must be today or in the past.", field="assessed_on"
        )
    if SelfAssessment.objects.filter(council=council, assessed_on=assessed_on).exists():
        raise HicError(
            f"{council.name} already has a self-assessment on {assessed_on:%-d %B %Y}.",
            field="assessed_on",
        )
    changes = set(HighImpactChange.objects.all())
    if set(ratings) != changes:
        raise HicError("Give a maturity level for every change.", field="ratings")
    levels = set(MaturityLevel.objects.values_list("number", flat=True))
    if any(level not in levels for level, _ in ratings.values()):
        raise HicError("A maturity level is not one of the model's levels.", field="ratings")
    assessment = SelfAssessment(
        council=council,
        assessed_on=assessed_on,
        source_file=source_file[:255],
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    assessment.full_clean()
    assessment.save()
    ChangeRating.objects.bulk_create(
        ChangeRating(self_assessment=assessment, change=change, level=level, note=note)
        for change, (level, note) in ratings.items()
    )
    datacache.data_changed(datacache.NATIONAL_DATA)
    audit_record(
        actor=actor,
        action=AuditAction.HIC_SELF_ASSESSMENT_CREATE,
        target=assessment,
        changes={
            str(change.number): [None, level]
            for change, (level, _) in sorted(ratings.items(), key=lambda item: item[0].number)
        },
    )
    return assessment
