"""The health check: is each part the service needs working right now?

Each check answers "ok" or a short reason in plain words; it never returns an exception's
text, which could carry a URL with a password. The exception is logged (its type only) for
whoever runs the service.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "operations:worker-heartbeat"
# A worker writes its heartbeat this often (operations.worker.HeartbeatStep) ...
HEARTBEAT_INTERVAL_SECONDS = 30
# ... and is taken for gone when none came for this long (several missed beats, so one slow
# cache write or a busy timer does not fail the check).
HEARTBEAT_STALE_SECONDS = 120
BROKER_TIMEOUT_SECONDS = 3

OK = "ok"


def heartbeat_record(*, now: float | None = None) -> None:
    """Write the time of a worker's heartbeat to the shared cache (called by every worker
    on a timer). It expires on its own, so a cache emptied or a worker gone reads as none."""
    cache.set(HEARTBEAT_KEY, time.time() if now is None else now, timeout=HEARTBEAT_STALE_SECONDS)


def heartbeat_age(*, now: float | None = None) -> float | None:
    """Seconds since the latest worker heartbeat, or None when there is none."""
    beat = cache.get(HEARTBEAT_KEY)
    if beat is None:
        return None
    return max(0.0, (time.time() if now is None else now) - float(beat))


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return OK if one == 1 else "the database gave a wrong answer"


def check_cache() -> str:
    """A value written to the cache can be read back."""
    key = f"operations:health:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    read = cache.get(key)
    cache.delete(key)
    return OK if read == value else "the cache did not keep a value"


def check_broker() -> str:
    """A connection to the Celery broker can be opened (Redis in production)."""
    from config.celery import app

    with app.connection_for_write(
        url=settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS
    ) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    return OK


def check_worker() -> str:
    """A Celery worker wrote its heartbeat recently (read from the cache)."""
    age = heartbeat_age()
    if age is None:
        return "no worker heartbeat"
    if age > HEARTBEAT_STALE_SECONDS:
        return f"no worker heartbeat for {int(age)} seconds"
    return OK


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
}


def health() -> dict[str, str]:
    """Run every check; a check that raises is "unavailable" (its exception type is logged,
    never returned)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure of a part is that part's state
            logger.warning("Health check %s failed: %s", name, type(exc).__name__)
            results[name] = "unavailable"
    return results
