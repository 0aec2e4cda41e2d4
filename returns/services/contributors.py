"""A council's contributors: invited by email by a council lead, removed by one."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

import policy
from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from audit.actions import AuditAction
from audit.services import audit_record
from councils.models import Council, CouncilMembership
from returns import emails
from returns.services.common import ReturnsError


@transaction.atomic
def contributor_invite(*, actor, council: Council, email: str, full_name: str) -> User:
    """Add a contributor to `council`: a new account (no password until they set one from
    the emailed link) or an existing account of that email with no other council. The
    invitation email goes out after commit."""
    if not policy.can_manage_contributors(actor, council.pk):
        raise ReturnsError("Only a council lead of this council can invite contributors.")
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ReturnsError(
            "Enter an email address in the correct format, like name@example.gov.uk",
            field="email",
        ) from None
    full_name = full_name.strip()
    if not full_name:
        raise ReturnsError("Enter the contributor's full name", field="full_name")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email, email=email, full_name=full_name[:150])
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif user.council_memberships.exclude(council=council).exists() or user.is_staff:
        raise ReturnsError("That email belongs to an account that cannot be added.", field="email")
    elif user.council_memberships.filter(council=council).exists():
        raise ReturnsError("That person is already a member of the council.", field="email")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.COUNCIL_CONTRIBUTOR]))
    CouncilMembership.objects.create(user=user, council=council)
    audit_record(actor=actor, action=AuditAction.CONTRIBUTOR_INVITE, target=user, note=council.name)
    transaction.on_commit(lambda: emails.contributor_invited(user.pk, council.pk))
    return user


@transaction.atomic
def contributor_remove(*, actor, council: Council, user: User) -> None:
    """Remove a contributor from the council (the account stays, with no council or role)."""
    if not policy.can_manage_contributors(actor, council.pk):
        raise ReturnsError("Only a council lead of this council can remove contributors.")
    if not policy.is_council_contributor_for(user, council.pk):
        raise ReturnsError("That person is not a contributor of this council.")
    CouncilMembership.objects.filter(user=user, council=council).delete()
    if not user.council_memberships.exists():
        user.groups.remove(Group.objects.get(name=GROUP_NAMES[Role.COUNCIL_CONTRIBUTOR]))
    audit_record(actor=actor, action=AuditAction.CONTRIBUTOR_REMOVE, target=user, note=council.name)
