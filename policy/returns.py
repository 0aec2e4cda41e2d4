"""The council's side of an assessment (issue 14): the information return, the
self-assessment, document requests, contributors and notifications. Council users (leads
and contributors of the council) see only their own council's requests, answers and
self-assessment, never the team's evidence or notes; a council lead may do everything a
contributor may, and admins everything."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.roles import Role
from assessments.models import AssessmentStatus
from policy.evidence import can_edit_evidence
from policy.roles import (
    acts_for_team,
    is_admin,
    is_assessor,
    is_council_lead_for,
    is_lead_assessor,
)

if TYPE_CHECKING:
    from assessments.models import Assessment

RETURN_OPEN_STATUSES = (
    AssessmentStatus.PLANNED,
    AssessmentStatus.EVIDENCE_GATHERING,
    AssessmentStatus.SCORING,
    AssessmentStatus.QUALITY_ASSURANCE,
)


def is_council_contributor_for(user, council_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.has_role(Role.COUNCIL_CONTRIBUTOR)
        and council_id in user.council_ids
    )


def is_council_member_for(user, council_id: int) -> bool:
    """A lead or a contributor of the council."""
    return is_council_lead_for(user, council_id) or is_council_contributor_for(user, council_id)


def is_council_user(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.has_role(Role.COUNCIL_LEAD) or user.has_role(Role.COUNCIL_CONTRIBUTOR))
    )


def can_view_council_portal(user, assessment: Assessment) -> bool:
    """The return, requests and self-assessment of an assessment: the team, admins and the
    council's leads and contributors."""
    return acts_for_team(user, assessment) or is_council_member_for(user, assessment.council_id)


def visible_portal_assessments(user, queryset: QuerySet) -> QuerySet:
    """Restrict an Assessment queryset to those whose council portal `user` may see."""
    if is_admin(user):
        return queryset
    if not (user and user.is_authenticated):
        return queryset.none()
    visible = Q(pk__in=[])
    if user.has_role(Role.ASSESSOR):
        visible |= Q(lead_assessor=user) | Q(assessors=user)
    if is_council_user(user):
        visible |= Q(council_id__in=user.council_ids)
    return queryset.filter(visible).distinct()


def can_issue_return(user, assessment: Assessment) -> bool:
    """Issue the information return: the lead assessor (or an admin) before scoring."""
    return assessment.status in (
        AssessmentStatus.PLANNED,
        AssessmentStatus.EVIDENCE_GATHERING,
    ) and (is_admin(user) or (is_assessor(user) and is_lead_assessor(user, assessment)))


def can_answer_for_council(user, assessment: Assessment) -> bool:
    """Answer return items, requests and write the self-assessment: the council's leads and
    contributors (and admins) while the assessment gathers evidence (planned to QA). Whether
    the return is still open is the service's rule, which gives the reason."""
    return assessment.status in RETURN_OPEN_STATUSES and (
        is_admin(user) or is_council_member_for(user, assessment.council_id)
    )


def can_submit_return(user, assessment: Assessment) -> bool:
    """Submit the whole return (or the self-assessment): the council's leads and admins."""
    return assessment.status in RETURN_OPEN_STATUSES and (
        is_admin(user) or is_council_lead_for(user, assessment.council_id)
    )


def can_manage_requests(user, assessment: Assessment) -> bool:
    """Raise, accept, ask for more on or withdraw document requests, and reopen the return:
    the team and admins while the assessment gathers evidence (planned to QA)."""
    return assessment.status in RETURN_OPEN_STATUSES and acts_for_team(user, assessment)


def can_accept_as_evidence(user, assessment: Assessment) -> bool:
    """Turn a council answer into evidence: whoever may add evidence."""
    return can_edit_evidence(user, assessment)


def can_view_return_template(user) -> bool:
    """The information return template: every signed-in user (it is what councils are asked)."""
    return bool(user and user.is_authenticated)


def can_manage_contributors(user, council_id: int) -> bool:
    """Invite or remove a council's contributors: its leads and admins."""
    return is_admin(user) or is_council_lead_for(user, council_id)


def can_see_council_view_beside_evidence(user, assessment: Assessment) -> bool:
    """The council's self-assessment shown beside a statement's evidence: the assessment team
    and admins (the council reads its own on the self-assessment page; nobody else sees it)."""
    return acts_for_team(user, assessment)
