"""Who is who: the roles a user holds and their place in an assessment's team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from accounts.roles import Role

if TYPE_CHECKING:
    from assessments.models import Assessment


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ADMIN))


def is_assessor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ASSESSOR))


def is_council_lead(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.COUNCIL_LEAD))


def is_council_lead_for(user, council_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.has_role(Role.COUNCIL_LEAD)
        and council_id in user.council_ids
    )


def is_team_member(user, assessment: Assessment) -> bool:
    """In the named team (lead assessor or assessor) of this assessment."""
    if not (user and user.is_authenticated and user.has_role(Role.ASSESSOR)):
        return False
    return user.pk in assessment.team_user_ids()


def acts_for_team(user, assessment: Assessment) -> bool:
    """May do the assessment team's work: a team member or an admin."""
    return is_admin(user) or is_team_member(user, assessment)


def is_lead_assessor(user, assessment: Assessment) -> bool:
    return bool(user and user.is_authenticated and assessment.lead_assessor_id == user.pk)


def team_assessments_q(user) -> Q:
    """Assessments (as a Q on Assessment) whose named team `user` is in; none for others.
    A subquery, so filtering with it never repeats an assessment."""
    from assessments.models import Assessment

    if not is_assessor(user):
        return Q(pk__in=[])
    team = Assessment.objects.filter(Q(lead_assessor=user) | Q(assessors=user)).values("pk")
    return Q(pk__in=team)
