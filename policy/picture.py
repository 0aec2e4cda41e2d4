"""The national picture's council returns (issue 18): spending plans by grant condition, High
Impact Changes self-assessments, winter pressures answers and risk-rating statements.

A council's own users (its leads and contributors) enter them for their own council; admins for
any council and load files. National figures and the public risk rating are public; a
council's winter pressures answers are confidential unless the council publishes them."""

from __future__ import annotations

from policy.reports import can_manage_reference_data
from policy.returns import is_council_member_for
from policy.roles import is_admin


def can_enter_for_council(user, council_id: int) -> bool:
    """Spending plans, self-assessments, winter answers and the risk statement of a council:
    the council's own leads and contributors, and admins."""
    return is_admin(user) or is_council_member_for(user, council_id)


def can_load_picture_data(user) -> bool:
    """CSV files of spending plans and winter answers for many councils: admins."""
    return can_manage_reference_data(user)


def can_view_council_winter_answers(user, council_id: int, *, published: bool) -> bool:
    """A council's own winter pressures answers: public once it publishes them, else only
    the council's users and admins."""
    return published or can_enter_for_council(user, council_id)
