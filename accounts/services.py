"""Account actions: unlocking a locked-out user, roles and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.lockout import normalise_username
from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from audit.actions import AuditAction
from audit.services import audit_record


@transaction.atomic
def user_unlock(*, actor, user: User) -> int:
    """Clear the sign-in failures counted against `user` (the lockout of the service's and the
    admin's sign-in pages alike), so they can sign in at once. Audited when there was
    anything to clear; returns how many failure records were removed."""
    from axes.utils import reset

    removed = reset(username=normalise_username(user.username))
    if removed:
        audit_record(
            actor=actor, action=AuditAction.USER_UNLOCK, target=user, note="sign-in lockout cleared"
        )
    return removed


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role | None = None,
    full_name: str = "",
    email: str = "",
    councils=(),
) -> User:
    """Create a user with one role; council leads are made members of `councils`.

    Admins get is_staff and is_superuser so the whole Django admin opens for them (and only
    them: the admin site also asks the policy).
    """
    from councils.models import CouncilMembership

    user = User(username=username, full_name=full_name, email=email)
    user.set_password(password)
    # Admins get the whole Django admin (framework texts, imports); nobody else gets any.
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.full_clean()
    user.save()
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    for council in councils:
        CouncilMembership.objects.create(user=user, council=council)
    return user


@transaction.atomic
def token_create(*, user: User) -> Token:
    """Issue (or re-issue) the user's API token; the old one stops working."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(actor=user, action=AuditAction.TOKEN_CREATE, target=user)
    return token


@transaction.atomic
def token_revoke(*, user: User, actor: User) -> None:
    """Revoke a user's API token (the user themself or an admin)."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(actor=actor, action=AuditAction.TOKEN_REVOKE, target=user)
