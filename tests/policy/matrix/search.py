"""Expectations for search (issue 17): the page and the API answer anyone signed in; what
each user finds is checked by tests/search/test_permissions.py."""

from __future__ import annotations

from .base import Expect, api_signed_in, signed_in

EXPECTATIONS: dict[str, Expect] = {
    "search:search": Expect(signed_in),
    "api:search": Expect(api_signed_in),
}
