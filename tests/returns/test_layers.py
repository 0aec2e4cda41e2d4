"""The portal's views and API views only parse, call and render: every query is a selector's
and every write a service's (CONTRIBUTING: no ORM call in a view or API view). And one
double-post guard: the portal's forms and API use core.idempotency."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from core.models import IdempotencyKey
from returns.models import DocumentRequest

ROOT = Path(__file__).resolve().parents[2]
ORM = re.compile(
    r"\bobjects\.|\.filter\(|\.exclude\(|\.get\(|\.save\(|\.create\(|\.delete\(|\.update\("
    r"|get_object_or_404|select_related|prefetch_related"
)  # (a serializer may read a relation the selector prefetched: `.all()` is allowed)


@pytest.mark.parametrize("package", ["returns/views", "returns/apis"])
def test_no_orm_call_in_views_or_apis(package):
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / package).glob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ORM.search(line)
    ]
    assert found == []


def test_the_portal_has_no_token_model_of_its_own():
    with pytest.raises(LookupError):
        apps.get_model("returns", "FormSubmission")


@pytest.mark.django_db
def test_a_repeated_request_form_is_one_core_idempotency_key(client, assessment, assessor):
    from tests.returns.test_views import _due

    client.force_login(assessor)
    url = reverse("returns:request_create", args=[assessment.pk])
    key = client.get(url).context["form"]["idempotency_key"].value()
    statement = assessment.framework.quality_statements.get(number=7)
    data = {"title": "Audit", "reason": "Latest.", "statements": [statement.pk],
            "due_on": _due(), "idempotency_key": key}  # fmt: skip
    assert client.post(url, data).url == client.post(url, data).url
    claim = IdempotencyKey.objects.get()
    assert claim.scope == f"returns.request:{assessment.pk}" and claim.key == key
    assert claim.result_id == str(DocumentRequest.objects.get().pk)


@pytest.mark.django_db
def test_the_api_replays_with_the_core_header_and_refuses_a_malformed_key(
    token_client, assessment, assessor
):
    from tests.returns.test_api import _due

    team = token_client(assessor)
    url = f"/api/v1/assessments/{assessment.pk}/document-requests/"
    body = {"title": "Audit", "reason": "Latest", "statements": [7], "due_on": _due()}
    first = team.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="request-key-2")
    again = team.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="request-key-2")
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true" and again.data["id"] == first.data["id"]
    bad = team.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()
    assert DocumentRequest.objects.count() == 1
