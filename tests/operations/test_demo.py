"""`make demo` serves the demo as the product: local settings run with DEBUG off unless
DJANGO_DEBUG=1, show the service's own GOV.UK error pages with static files still served,
log a refusal as one line, write emails to files under var/emails/ and link to the PORT the
demo serves. Each check runs the real local settings in a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, re
from django.conf import settings
from django.core import mail
from django.test import Client
from assessments.notifications import absolute_url

client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
missing = client.get("/no-such-page/")
broken = client.get("/")  # the database has no tables: a real server error
html = missing.content.decode()
linked = re.search(r'href="(/static/[^"]+[.]css)"', html)  # the page's own stylesheet
css = client.get(linked.group(1) if linked else "/static/build/app.css")
mail.send_mail("Demo", "Body " + absolute_url("/assessments/1/"), None, ["lead@council.example"])
print("PROBE " + json.dumps({
    "debug": settings.DEBUG,
    "site_url": settings.SITE_URL,
    "email_backend": settings.EMAIL_BACKEND,
    "email_path": str(settings.EMAIL_FILE_PATH),
    "missing": [missing.status_code, html],
    "broken": [broken.status_code, broken.content.decode()],
    "css": [css.status_code, css["Content-Type"]],
}))
"""


def _probe(tmp_path: Path, **env_overrides) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("EMAIL_BACKEND", None)
    env.pop("SITE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        APP_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        **env_overrides,
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("PROBE "))
    return json.loads(line.removeprefix("PROBE ")), done.stderr


def test_the_demo_runs_with_debug_off_and_shows_the_services_own_error_pages(tmp_path):
    probe, log = _probe(tmp_path, PORT="8026")
    assert probe["debug"] is False
    status, html = probe["missing"]
    assert status == 404 and "govuk-template__header" in html and "Page not found" in html
    assert "DEBUG = True" not in html and "Technical 404" not in html
    status, html = probe["broken"]
    assert status == 500 and "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html and "OperationalError" not in html
    # Static files are still served with DEBUG off (WhiteNoise, from the source folders).
    assert probe["css"][0] == 200 and probe["css"][1].startswith("text/css")
    # The refusal (404) is one log line; the server error keeps its traceback for the log.
    not_found = [line for line in log.splitlines() if "Not Found: /no-such-page/" in line]
    assert len(not_found) == 1
    assert log.count("Internal Server Error: /") == 1 and "Traceback" in log


def test_demo_emails_are_files_under_var_and_link_to_the_port_served(tmp_path):
    probe, _ = _probe(tmp_path, PORT="8026")
    assert probe["site_url"] == "http://127.0.0.1:8026"
    assert probe["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert probe["email_path"] == str(tmp_path / "emails")
    (written,) = (tmp_path / "emails").iterdir()
    assert "http://127.0.0.1:8026/assessments/1/" in written.read_text()


def test_DJANGO_DEBUG_turns_debug_on_for_developers(tmp_path):
    probe, _ = _probe(tmp_path, DJANGO_DEBUG="1")
    assert probe["debug"] is True
    assert probe["site_url"] == "http://127.0.0.1:8000"  # PORT's default


def test_a_form_posted_with_an_expired_token_gets_the_services_403_page(db):
    response = Client(enforce_csrf_checks=True).post("/sign-in/", {"username": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "govuk-template__header" in html and "The form had expired" in html
    assert "CSRF verification failed" not in html


def test_demo_users_lists_every_user_with_the_demo_password(db):
    from io import StringIO

    from django.core.management import call_command

    from demo.seed import base as demo

    empty = StringIO()
    call_command("demo_users", stdout=empty)
    assert "run `manage.py seed_demo` first" in empty.getvalue()
    users = demo.seed_users()
    out = StringIO()
    call_command("demo_users", stdout=out)
    lines = out.getvalue().splitlines()
    assert demo.DEMO_PASSWORD in lines[0]
    assert len(lines) == 1 + len(users)
    assert any(line.split() == ["council.lead", "council_lead"] for line in lines)
    assert any(line.split() == ["admin", "admin"] for line in lines)
