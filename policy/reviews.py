"""Findings and the factual accuracy check: who may write findings, raise and decide
challenges, and extend the council's deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessments.models import OPEN_FOR_FINDINGS, AssessmentStatus
from policy.roles import acts_for_team, is_admin, is_council_lead_for

if TYPE_CHECKING:
    from assessments.models import Assessment


def can_edit_findings(user, assessment: Assessment) -> bool:
    """Findings: the team, from scoring until publication (accepted challenges change them)."""
    return acts_for_team(user, assessment) and assessment.status in OPEN_FOR_FINDINGS


def can_raise_challenge(user, assessment: Assessment) -> bool:
    """Council leads of the council, during the factual accuracy check (deadline checked by
    the service, which gives the reason)."""
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_council_lead_for(
        user, assessment.council_id
    )


def can_view_challenges(user, assessment: Assessment) -> bool:
    return acts_for_team(user, assessment) or is_council_lead_for(user, assessment.council_id)


def can_decide_challenge(user, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and acts_for_team(
        user, assessment
    )


def can_extend_deadline(user, assessment: Assessment) -> bool:
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_admin(user)


def can_confirm_factual_accuracy(user, assessment: Assessment) -> bool:
    """ "No comments" / "all our comments are in": council leads of the council, during the
    check (issue 16)."""
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_council_lead_for(
        user, assessment.council_id
    )


def can_override_publication(user, assessment: Assessment) -> bool:
    """Authorise publication before the deadline without the council's confirmation: admins,
    during the check, with a recorded reason (issue 16)."""
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_admin(user)


def can_manage_publication_pauses(user) -> bool:
    """Pre-election publication pauses: admins (issue 16)."""
    return is_admin(user)
