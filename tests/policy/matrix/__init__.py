"""The permission matrix's expectations, one module per topic; a new app adds its module here.

Every URL the resolver finds must have exactly one entry (tests/policy/test_permission_matrix.py
checks it)."""

from . import core, fieldwork, picture, qa, reports, returns, search
from .base import ROLES, STATUSES, Ctx, Objects  # noqa: F401

EXPECTATIONS: dict = {}
for _module in (core, reports, returns, search, fieldwork, picture, qa):
    _duplicated = set(EXPECTATIONS) & set(_module.EXPECTATIONS)
    assert not _duplicated, f"URLs with two expectations: {sorted(_duplicated)}"
    EXPECTATIONS.update(_module.EXPECTATIONS)
