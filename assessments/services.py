"""Writes to assessments. Every state-changing service is atomic, takes actor= and is audited."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from assessments import scoring
from assessments.models import Assessment, AssessmentKind, AssessmentStatus, StatusTransition
from assessments.selectors import current_framework
from core.audit import audit_record, snapshot
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


class AssessmentError(Exception):
    """A domain rule refused the change; the message is fit to show to the user."""


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
        action="assessment.create",
        target=assessment,
        assessment=assessment,
        changes={
            name: [None, value] for name, value in snapshot(assessment, AUDITED_FIELDS).items()
        },
    )
    return assessment
