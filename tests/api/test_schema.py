"""The OpenAPI schema, its committed copy and the interactive docs page."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="integer ranges in the schema come from the database backend; the committed schema "
    "is PostgreSQL's (production), so it is compared in the PostgreSQL run",
)
def test_committed_schema_is_the_generated_one_and_has_no_warnings(tmp_path):
    """CI fails when openapi.yaml differs from the schema the code generates. Regenerate with
    `DATABASE_URL=postgres://... manage.py spectacular --validate --fail-on-warn --file
    openapi.yaml` (the PostgreSQL backend sets the integer ranges, as in production)."""
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    committed = (ROOT / "openapi.yaml").read_text()
    assert generated.read_text() == committed, (
        "openapi.yaml is out of date: run manage.py spectacular --validate --fail-on-warn "
        "--file openapi.yaml"
    )


def test_schema_validates_with_no_warnings_on_any_backend(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )


def test_schema_is_served_to_anyone(api):
    response = api.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/assessments/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_docs_page_runs_under_the_content_security_policy_from_local_files(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    # No inline script or style, nothing from another origin.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and 'style="' not in html
    assert "http://" not in html and "https://" not in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in src for src in sources)
    # Same-origin paths, or fragments on the page (the layout's skip link).
    assert all(src.startswith(("/", "#")) for src in sources)
    # The start-up script is served as a same-origin JavaScript file.
    script = next(src for src in sources if "script=" in src)
    js = client.get(script.replace("&amp;", "&"))
    assert js.status_code == 200
    assert js.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in js.content.decode()
    assert "/api/v1/schema/" in js.content.decode()
