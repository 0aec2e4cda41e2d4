"""Settings for the benchmarks: the test settings with a throwaway database and file store.

With no DATABASE_URL the database is an SQLite file in a temporary folder; with DATABASE_URL
(PostgreSQL) the benchmark creates and drops its own `test_<name>` database beside it.
"""

import os
import tempfile
from pathlib import Path

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, STORAGES

BENCH_DIR = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="bench-"))

if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BENCH_DIR / "bench.sqlite3"),
            "TEST": {"NAME": str(BENCH_DIR / "bench-test.sqlite3")},
        }
    }
else:
    DATABASES = DATABASES

STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BENCH_DIR / "private"), "base_url": None},
    },
}
ROOT_URLCONF = "bench.urls"
DEBUG = False
