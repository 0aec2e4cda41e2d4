"""API error handling: malformed input is a 400 with field errors, refusals follow the policy,
domain refusals and lost races are 409s, and nothing becomes a 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404

from assessments.services import AssessmentError
from core.api import exception_handler

pytestmark = pytest.mark.django_db


def _handle(exc):
    response = exception_handler(exc, {"view": None, "request": None})
    assert response is not None, f"{exc!r} would become a 500"
    return response.status_code, response.data


def test_django_validation_errors_become_400_with_field_errors():
    status, body = _handle(DjangoValidationError({"title": ["Enter a title."]}))
    assert status == 400
    assert body == {"title": ["Enter a title."]}
    status, body = _handle(DjangoValidationError("Not valid."))
    assert status == 400
    assert body == {"detail": ["Not valid."]}


def test_domain_refusals_become_409_with_the_services_message():
    status, body = _handle(AssessmentError("Suffolk already has an open assessment."))
    assert status == 409
    assert body == {"detail": "Suffolk already has an open assessment.", "code": "domain_rule"}


def test_lost_races_become_409():
    status, body = _handle(IntegrityError("duplicate key"))
    assert status == 409
    assert body["code"] == "integrity"
    assert "duplicate key" not in body["detail"]  # database internals are not disclosed


def test_django_404_and_403_keep_their_meaning():
    assert _handle(Http404())[0] == 404
    status, body = _handle(PermissionDenied("Only the team can do that."))
    assert status == 403
    assert body == {"detail": "Only the team can do that.", "code": "permission_denied"}


def test_every_list_operation_in_the_schema_is_paginated(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    checked = 0
    for path, item in schema["paths"].items():
        get = item.get("get")
        if not get:
            continue
        content = get["responses"]["200"]["content"]
        if "application/json" not in content:  # a file download
            continue
        body = content["application/json"]["schema"]
        assert body.get("type") != "array", f"GET {path} returns an unpaginated list"
        ref = body.get("$ref", "")
        if ref.rsplit("/", 1)[-1].startswith("Paginated"):
            component = components[ref.rsplit("/", 1)[-1]]
            assert {"count", "next", "previous", "results"} <= set(component["properties"])
            params = {param["name"] for param in get.get("parameters", [])}
            assert {"page", "page_size"} <= params, path
            checked += 1
    assert checked >= 4


def test_a_refusal_pinned_on_a_field_is_a_400_field_error():
    class PinnedError(AssessmentError):
        field = "reason"

    status, body = _handle(PinnedError("Enter why the evidence is being withdrawn"))
    assert status == 400
    assert body == {"reason": ["Enter why the evidence is being withdrawn"]}
