"""Opening assessments and changing their dates and team."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from assessments import scoring
from assessments.errors import AssessmentError, StaleAssessmentError, StaleVersionError
from assessments.models import Assessment, AssessmentKind, AssessmentStatus, StatusTransition
from assessments.selectors import current_framework
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from councils.models import Council

AUDITED_FIELDS = (
    "kind",
    "status",
    "scoring_rule",
    "notified_on",
    "site_visit_on",
    "fa_sent_on",
    "fa_due_on",
    "published_on",
    "lead_assessor",
    "assessors",
    "withdrawn_reason",
)


def locked_assessment(assessment: Assessment) -> Assessment:
    """Re-read the assessment under a row lock so concurrent changes queue up (every service
    that changes an assessment or what hangs on it starts here)."""
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("council", "framework")
        .get(pk=assessment.pk)
    )


def check_version(current: int, expected: int | None) -> None:
    """Optimistic concurrency: raise StaleVersionError unless `expected` (the version the
    user read; None skips the check) is still `current`."""
    if expected is not None and expected != current:
        raise StaleVersionError(
            "Someone else changed this since you opened the page. Reload it to see their "
            "change, then make yours again."
        )


@transaction.atomic
def assessment_create(
    *,
    actor,
    council: Council,
    kind: str = AssessmentKind.FORMAL,
    lead_assessor=None,
    assessors=(),
    notified_on: datetime.date | None = None,
    site_visit_on: datetime.date | None = None,
    scoring_rule: str | None = None,
) -> Assessment:
    """Open a new assessment of `council` under the current framework, status planned.

    Raises AssessmentError when the council already has an open assessment (the database
    enforces the same rule). The scoring rule defaults to the one in force on the notified
    date (or today).
    """
    if (
        Assessment.objects.filter(council=council)
        .exclude(status__in=[AssessmentStatus.PUBLISHED, AssessmentStatus.WITHDRAWN])
        .exists()
    ):
        raise AssessmentError(f"{council.name} already has an open assessment.")
    rule = scoring_rule or scoring.rule_for_date(notified_on or datetime.date.today()).code
    assessment = Assessment(
        council=council,
        framework=current_framework(),
        kind=kind,
        lead_assessor=lead_assessor,
        notified_on=notified_on,
        site_visit_on=site_visit_on,
        scoring_rule=rule,
    )
    assessment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as exc:  # a concurrent create won the race
        raise AssessmentError(f"{council.name} already has an open assessment.") from exc
    assessment.assessors.set(assessors)
    StatusTransition.objects.create(
        assessment=assessment, from_status="", to_status=assessment.status, actor=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_CREATE,
        target=assessment,
        assessment=assessment,
        changes={
            name: [None, value] for name, value in snapshot(assessment, AUDITED_FIELDS).items()
        },
    )
    return assessment


@transaction.atomic
def assessment_update(
    *,
    actor,
    assessment: Assessment,
    version: int,
    notified_on: datetime.date | None,
    site_visit_on: datetime.date | None,
    lead_assessor,
    assessors=(),
) -> Assessment:
    """Change an open assessment's dates and team, as opened by the user at `version`.

    Raises StaleAssessmentError when it changed since (nothing is saved), AssessmentError when
    it is published or withdrawn or the site visit is before notification.
    """
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if current.version != version:
        raise StaleAssessmentError(current)
    if current.status in (AssessmentStatus.PUBLISHED, AssessmentStatus.WITHDRAWN):
        raise AssessmentError(
            f"A {current.get_status_display().lower()} assessment cannot be changed."
        )
    if notified_on and site_visit_on and site_visit_on < notified_on:
        raise AssessmentError(
            "The site visit must be on or after the date the council was notified."
        )
    before = snapshot(current, AUDITED_FIELDS)
    current.notified_on = notified_on
    current.site_visit_on = site_visit_on
    current.lead_assessor = lead_assessor
    current.full_clean(validate_constraints=False)
    current.version = version + 1
    current.save()
    current.assessors.set(assessors)
    changes = diff(before, snapshot(current, AUDITED_FIELDS))
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_UPDATE,
        target=current,
        assessment=current,
        changes=changes,
    )
    return current
