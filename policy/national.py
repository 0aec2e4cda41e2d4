"""The national picture: who may enter waiting lists and load national data."""

from __future__ import annotations

from policy.reports import can_manage_reference_data
from policy.roles import is_admin, is_assessor


def can_enter_waiting_list(user) -> bool:
    """Waiting-list counts entered by form: admins and assessors."""
    return is_admin(user) or is_assessor(user)


def can_import_national_data(user) -> bool:
    """Indicator, spend and waiting-list files, indicator weights and pressure thresholds."""
    return can_manage_reference_data(user)
