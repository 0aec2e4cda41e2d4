"""Accounts: who may manage API tokens."""

from __future__ import annotations

from policy.roles import is_admin


def can_manage_token(user, owner) -> bool:
    """Create or revoke `owner`'s API token: the owner; admins may revoke anyone's."""
    return bool(user and user.is_authenticated) and (user.pk == owner.pk or is_admin(user))


def can_unlock_users(user) -> bool:
    """See who is locked out of signing in and unlock them: admins."""
    return is_admin(user)
