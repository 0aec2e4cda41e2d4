"""Improvement action plans (issue 16): after publication the council records and updates its
actions; the team and admins see them (the public does not: a plan is the council's working
document, not part of the published report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessments.models import AssessmentStatus
from policy.roles import acts_for_team, is_council_lead_for

if TYPE_CHECKING:
    from assessments.models import Assessment


def can_view_action_plan(user, assessment: Assessment) -> bool:
    """The plan of a published assessment: council leads of the council, the team, admins."""
    return assessment.status == AssessmentStatus.PUBLISHED and (
        acts_for_team(user, assessment) or is_council_lead_for(user, assessment.council_id)
    )


def can_edit_action_plan(user, assessment: Assessment) -> bool:
    """Add and update actions: council leads of the council, once published."""
    return assessment.status == AssessmentStatus.PUBLISHED and is_council_lead_for(
        user, assessment.council_id
    )
