"""Caches of derived public data (the national ratings table, outcomes per pound), keyed on a
version of the data they are derived from.

Each data set has a version token in the cache. The services that change a data set call
`data_changed` inside their transaction; the new token is set after commit, so a reader can
never keep a result computed from the old data under the new token. Anything cached under an
old token is simply never read again and expires. The token is random, not a counter, so a
cache that lost its entries (a restart, an eviction) cannot hand back a result saved under a
token that was reused.

The cache must be shared by every process that serves pages (Redis in production; a file
cache under var/ locally), or a change made in one process would not be seen by another.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

PUBLISHED_RESULTS = "published-results"  # published assessments, their ratings and scores
NATIONAL_DATA = "national-data"  # indicators, spend, waiting lists, pressure thresholds
ALL_DATA_SETS = (PUBLISHED_RESULTS, NATIONAL_DATA)

# A safety net, not the mechanism: a change made outside the services (a shell session) is
# seen after this long at worst.
CACHE_SECONDS = 6 * 60 * 60

T = TypeVar("T")


def _version_key(data_set: str) -> str:
    return f"data-version:{data_set}"


def data_version(data_set: str) -> str:
    """The current version token of a data set, created if the cache has none."""
    if data_set not in ALL_DATA_SETS:
        raise ValueError(f"Unknown data set {data_set!r}")
    token = cache.get(_version_key(data_set))
    if token is None:
        token = uuid.uuid4().hex
        # add() so two processes starting together agree on one token.
        if not cache.add(_version_key(data_set), token, timeout=None):
            token = cache.get(_version_key(data_set)) or token
    return token


def data_changed(*data_sets: str) -> None:
    """Mark data sets as changed: results derived from them are recomputed once the current
    transaction commits (at once outside a transaction)."""
    for data_set in data_sets:
        if data_set not in ALL_DATA_SETS:
            raise ValueError(f"Unknown data set {data_set!r}")

    def bump() -> None:
        for data_set in data_sets:
            cache.set(_version_key(data_set), uuid.uuid4().hex, timeout=None)

    transaction.on_commit(bump)


def cached(name: str, *, depends_on: tuple[str, ...], compute: Callable[[], T]) -> T:
    """The value of `compute()`, cached under `name` and the versions of the data sets it is
    derived from. `name` must carry every other input (filters, year) of the computation."""
    versions = ":".join(data_version(data_set) for data_set in depends_on)
    # Hashed, so filters typed into a query string make a safe, bounded key.
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    key = f"derived:{digest}:{versions}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value
