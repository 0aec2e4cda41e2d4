"""Who is told what: the council's leads and contributors, the team; councils and users by key."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from assessments.models import Assessment
from councils.models import Council


def _council_users(assessment: Assessment, roles: tuple[Role, ...]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            council_memberships__council_id=assessment.council_id,
            groups__name__in=[GROUP_NAMES[role] for role in roles],
        )
        .distinct()
        .order_by("pk")
    )


def council_leads(assessment: Assessment) -> list[User]:
    return _council_users(assessment, (Role.COUNCIL_LEAD,))


def council_members(assessment: Assessment) -> list[User]:
    """The council's leads and contributors."""
    return _council_users(assessment, (Role.COUNCIL_LEAD, Role.COUNCIL_CONTRIBUTOR))


def team_members(assessment: Assessment) -> list[User]:
    return list(User.objects.filter(is_active=True, pk__in=assessment.team_user_ids()))


def council_contributors(council_id: int) -> QuerySet:
    return User.objects.filter(
        council_memberships__council_id=council_id,
        groups__name=GROUP_NAMES[Role.COUNCIL_CONTRIBUTOR],
    ).order_by("full_name", "username")


def council_by_code(gss_code: str) -> Council:
    return Council.objects.get(gss_code=gss_code)


def user_by_pk(pk: int) -> User:
    return User.objects.get(pk=pk)
