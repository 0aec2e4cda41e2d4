"""Assessments: who may see, open and change them, see their history, score them and move
them through the workflow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.roles import Role
from assessments.models import (
    CLOSED_STATUSES,
    SCORING_STATUSES,
    AssessmentStatus,
    TransitionRole,
)
from policy.roles import (
    acts_for_team,
    is_admin,
    is_assessor,
    is_council_lead_for,
    is_lead_assessor,
    is_team_member,
)

if TYPE_CHECKING:
    from assessments.models import Assessment


def can_view_assessment(user, assessment: Assessment) -> bool:
    """Published: everyone. Otherwise the team, admins and leads of the council."""
    if assessment.status == AssessmentStatus.PUBLISHED:
        return True
    return acts_for_team(user, assessment) or is_council_lead_for(user, assessment.council_id)


def can_view_draft(user, assessment: Assessment) -> bool:
    """Scores and findings before publication: the team; the council from the FA check on."""
    if assessment.status == AssessmentStatus.PUBLISHED:
        return True
    if acts_for_team(user, assessment):
        return True
    return assessment.status == AssessmentStatus.FACTUAL_ACCURACY and is_council_lead_for(
        user, assessment.council_id
    )


def visible_assessments(user, queryset: QuerySet) -> QuerySet:
    """Restrict an Assessment queryset to what `user` may see (same rule as above)."""
    if is_admin(user):
        return queryset
    visible = Q(status=AssessmentStatus.PUBLISHED)
    if user and user.is_authenticated:
        if user.has_role(Role.ASSESSOR):
            visible |= Q(lead_assessor=user) | Q(assessors=user)
        if user.has_role(Role.COUNCIL_LEAD):
            visible |= Q(council_id__in=user.council_ids)
    return queryset.filter(visible).distinct()


def can_create_assessment(user) -> bool:
    return is_admin(user)


def can_edit_assessment(user, assessment: Assessment) -> bool:
    """Dates and team: admins and the lead assessor, while the assessment is open."""
    return assessment.status not in CLOSED_STATUSES and (
        is_admin(user) or is_lead_assessor(user, assessment)
    )


def can_view_history(user, assessment: Assessment) -> bool:
    """The audit trail of an assessment and its evidence: the team and admins."""
    return acts_for_team(user, assessment)


def can_score(user, assessment: Assessment) -> bool:
    """Scores are set only in scoring and drafting or quality assurance, by the team."""
    return acts_for_team(user, assessment) and assessment.status in SCORING_STATUSES


def can_make_transition(user, assessment: Assessment, allowed_roles: frozenset[str]) -> bool:
    """Whether `user` holds one of the roles a workflow transition allows.

    Roles in the transition map (TransitionRole): an admin, the lead assessor, the team.
    """
    if TransitionRole.ADMIN in allowed_roles and is_admin(user):
        return True
    if TransitionRole.LEAD_ASSESSOR in allowed_roles and (
        is_lead_assessor(user, assessment) and is_assessor(user)
    ):
        return True
    return TransitionRole.TEAM in allowed_roles and is_team_member(user, assessment)
