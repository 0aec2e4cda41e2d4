"""The database goes away under load: no request after it comes back fails, the requests
caught in the middle get the 503 "try again" page (never a 500 or a 403), and nothing is left
half-written. PostgreSQL + Redis run only.

A gunicorn server (2 processes x 2 threads, connections kept 60 s and health-checked) serves
the test database while four clients keep recording evidence items, each with its own
idempotency key, retrying the same key after a 503 as a person would after "try again". In the
middle, every server connection to the test database is killed with pg_terminate_backend:
what a PostgreSQL restart does to the server's connections, confined to this test's own
database. (A real `pg_ctlcluster ... restart` would also cut every other user of the shared
PostgreSQL, e.g. other test runs on the same machine.)
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import EvidenceCategory
from audit.models import AuditEvent
from core.models import IdempotencyKey
from evidence.models import EvidenceItem

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="kills PostgreSQL connections of the test database (PostgreSQL + Redis run)",
    ),
    # Committed rows, so the server process sees them; reference data restored afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return (
        f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=_database_url(),
        DATABASE_CONN_MAX_AGE="60",
        APP_VAR_DIR=str(tmp_path / "var"),
        TEST_PRIVATE_ROOT=str(tmp_path / "private"),
        PYTHONUNBUFFERED="1",
    )
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "2", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                requests.get(url + "/accessibility/", timeout=10)
                break
            except requests.RequestException:  # not listening yet, or still importing
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start: " + (tmp_path / "server.log").read_text())
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _terminate_server_connections() -> int:
    """Kill every other connection to the test database (the server's), as a restart does."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_database_restart_under_load_loses_no_request_after_it_and_leaves_nothing_half_written(
    server, assessment
):
    assessor = assessment.assessors.get()
    django_client = Client()
    django_client.force_login(assessor)
    session_cookie = django_client.cookies[settings.SESSION_COOKIE_NAME].value
    path = reverse("evidence:create", args=[assessment.pk])
    statement = assessment.framework.quality_statements.get(number=1)
    category = EvidenceCategory.objects.get(
        framework=assessment.framework, code="peoples-experience"
    )

    log: list[tuple[float, float, int, str]] = []  # (sent, answered, status, key)
    saved_keys: set[str] = set()
    stop = threading.Event()
    lock = threading.Lock()

    def client_loop():
        http = requests.Session()
        http.cookies.set(settings.SESSION_COOKIE_NAME, session_cookie)
        csrf = None
        while csrf is None and not stop.is_set():
            page = http.get(server + path, timeout=30)
            match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            csrf = match.group(1) if match else None
        while not stop.is_set():
            key = uuid.uuid4().hex
            for _attempt in range(20):  # "try again" with the same form, as a person would
                sent = time.monotonic()
                response = http.post(
                    server + path,
                    data={
                        "csrfmiddlewaretoken": csrf,
                        "idempotency_key": key,
                        "statements": [statement.pk],
                        "category": category.pk,
                        "route": "collected",
                        "source_type": "survey",
                        "title": f"Survey {key[:8]}",
                        "narrative": "What people told us about waiting.",
                        "direction": "negative",
                        "effective_date": "31/3/2025",
                    },
                    headers={"Referer": server + path},
                    allow_redirects=False,
                    timeout=60,
                )
                with lock:
                    log.append((sent, time.monotonic(), response.status_code, key))
                if response.status_code == 302:
                    with lock:
                        saved_keys.add(key)
                    break
                if response.status_code != 503:
                    break
                time.sleep(float(response.headers.get("Retry-After", "1")) / 10)

    threads = [threading.Thread(target=client_loop) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    killed_at = time.monotonic()
    killed = _terminate_server_connections()
    killed_done = time.monotonic()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)

    assert killed > 0, "the server held no connection to kill"
    statuses = [status for _, _, status, _ in log]
    before = [s for sent, _, s, _ in log if sent < killed_at]
    after = [s for sent, _, s, _ in log if sent > killed_done + 0.5]
    assert before and after, f"too few requests around the restart: {len(log)}"
    # Only successes and "try again": never a 500 page, never a refused (403) post.
    assert set(statuses) <= {302, 503}, sorted(set(statuses))
    # Every request sent after the database came back succeeded (health-checked connections).
    assert set(after) == {302}, f"{after.count(503)} of {len(after)} failed after the restart"

    # Nothing half-written: one item per saved form, each complete with its statement and its
    # audit record; every claimed key points at its item; no key made two items.
    items = list(EvidenceItem.objects.filter(assessment=assessment).prefetch_related("statements"))
    claimed = {k.key: k.result_id for k in IdempotencyKey.objects.filter(user=assessor)}
    assert set(claimed) == saved_keys
    assert sorted(claimed.values()) == sorted(str(item.pk) for item in items)
    assert len(items) == len(saved_keys)
    for item in items:
        assert [s.pk for s in item.statements.all()] == [statement.pk]
    audited = set(
        AuditEvent.objects.filter(action="evidence.create").values_list("target_id", flat=True)
    )
    assert audited == {str(item.pk) for item in items}
