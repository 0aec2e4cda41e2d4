"""Reads of accounts: users and their API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.authtoken.models import Token

from accounts.models import User


def user_queryset() -> QuerySet[User]:
    """Every user (views look one up by id, then ask the policy)."""
    return User.objects.all()


def token_of_user(*, user: User) -> Token | None:
    """The user's current API token, or None when they have none."""
    return Token.objects.filter(user=user).first()
