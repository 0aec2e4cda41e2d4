"""Account actions: sign-in throttling, roles and API tokens."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import LoginFailure, User
from accounts.roles import GROUP_NAMES, Role
from audit.actions import AuditAction
from audit.services import audit_record


def login_is_locked(*, username: str) -> bool:
    """A username is locked after LOGIN_FAILURE_LIMIT failures within the lockout window."""
    since = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    failures = LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()
    return failures >= settings.LOGIN_FAILURE_LIMIT


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address)


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()


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
