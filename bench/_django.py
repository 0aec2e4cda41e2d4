"""Set up Django for a benchmark script on its own database and private file folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(database_url: str | None = None) -> Path:
    """Point Django at `database_url` (default: a fresh SQLite file), migrate, return the
    temporary folder holding the private files."""
    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["TEST_PRIVATE_ROOT"] = str(folder / "private")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return folder


def setup_with_broker(*, name: str, broker: str, database_url: str | None) -> tuple[Path, str]:
    """`setup` for a benchmark that queues tasks: the broker and a Redis key prefix of this
    run's own are set before Django starts (the settings read them, and so do the worker
    processes started from here), and a PostgreSQL `database_url` is made afresh. Returns the
    private files' folder and the key prefix (delete its keys at the end)."""
    import uuid

    prefix = f"{name}-{uuid.uuid4().hex[:12]}:"
    os.environ["CELERY_BROKER_URL"] = broker
    os.environ["CELERY_REDIS_KEY_PREFIX"] = prefix
    if database_url:
        from report_throughput import _recreate_database

        _recreate_database(database_url)
    return setup(database_url or None), prefix


def teardown_with_broker(
    *, folder: Path, prefix: str, broker: str, database_url: str | None
) -> None:
    """Undo `setup_with_broker`: this run's Redis keys, its PostgreSQL database, its files."""
    import shutil

    import redis

    client = redis.Redis.from_url(broker)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    if database_url:
        from report_throughput import _drop_database

        _drop_database(database_url)
    shutil.rmtree(folder, ignore_errors=True)
