"""Reads of accounts: users, their API tokens, and who is locked out of signing in."""

from __future__ import annotations

from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import User


def user_queryset() -> QuerySet[User]:
    """Every user (views look one up by id, then ask the policy)."""
    return User.objects.all()


def token_of_user(*, user: User) -> Token | None:
    """The user's current API token, or None when they have none."""
    return Token.objects.filter(user=user).first()


@dataclass(frozen=True)
class LockedUser:
    user: User
    failures: int
    last_failure: object  # datetime
    locked_until: object  # datetime


def locked_out_users() -> list[LockedUser]:
    """Users whose failed sign-ins within the cool-off window reach the limit, the same rule
    django-axes applies (AXES_FAILURE_LIMIT failures per username since now - cool-off),
    newest failure first. Names with no user behind them are left out."""
    cool_off = get_cool_off()
    counts = (
        AccessAttempt.objects.filter(attempt_time__gt=timezone.now() - cool_off)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    by_name = {row["username"]: row for row in counts}
    if not by_name:
        return []
    users = User.objects.annotate(folded=Lower("username")).filter(folded__in=list(by_name))
    locked = [
        LockedUser(
            user=user,
            failures=by_name[user.folded]["failures"],
            last_failure=by_name[user.folded]["last"],
            locked_until=by_name[user.folded]["last"] + cool_off,
        )
        for user in users
    ]
    return sorted(locked, key=lambda row: row.last_failure, reverse=True)


def is_locked_out(user: User) -> bool:
    return any(row.user.pk == user.pk for row in locked_out_users())
