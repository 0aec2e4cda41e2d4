"""Clients generated from the committed schema work: openapi-spec-validator accepts
openapi.yaml, openapi-python-client generates a client from it whose every module imports, and
that client drives a short scenario against a live server (list assessments, record evidence,
a stale change answered 409)."""

from __future__ import annotations

import datetime
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from accounts.services import token_create

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "openapi.yaml"
PACKAGE = "asc_generated_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The package openapi-python-client generates from the committed openapi.yaml, importable
    as `asc_generated_client`; the generator's own output is kept for the assertions."""
    folder = tmp_path_factory.mktemp("generated")
    config = folder / "config.yaml"
    config.write_text("post_hooks: []\n")  # no formatter run: the code is imported, not read
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(SCHEMA),
            "--output-path",
            str(folder / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE), done.stdout + done.stderr
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_the_committed_schema_passes_the_openapi_spec_validator():
    validate(yaml.safe_load(SCHEMA.read_text()))


def test_every_write_declares_one_request_body_json_unless_it_takes_files():
    schema = yaml.safe_load(SCHEMA.read_text())
    bodies = {
        f"{method.upper()} {path}": list(operation["requestBody"]["content"])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    }
    assert bodies
    multipart = {op for op, types in bodies.items() if types == ["multipart/form-data"]}
    one_body = (["application/json"], ["multipart/form-data"])
    assert all(types in one_body for types in bodies.values())
    # The operations that carry files: evidence uploads, challenges, and the council portal's
    # answers to document requests and information return files.
    assert multipart == {
        "POST /api/v1/assessments/{assessment_id}/evidence/uploads/",
        "POST /api/v1/assessments/{assessment_id}/challenges/",
        "POST /api/v1/document-requests/{request_id}/responses/",
        "POST /api/v1/return-answers/{answer_id}/files/",
    }


def test_every_module_of_the_generated_client_imports(generated):
    package, output = generated
    # The generator parses every operation that has a JSON answer (the PDF download's binary
    # answer is its one warning).
    assert "Unable to parse" not in output and "Cannot parse request body" not in output
    names = [info.name for info in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")]
    api_modules = [name for name in names if ".api." in name and not name.endswith("__init__")]
    assert len(api_modules) >= 50
    failures = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is listed, not just the first
            failures[name] = repr(exc)
    assert failures == {}


# Serialized rollback like every live-server test here: its flush then leaves the reference
# data (and content types) as the next test expects.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_generated_client_lists_records_evidence_and_is_told_of_a_stale_change(
    generated, live_server, assessment, assessor
):
    package, _ = generated
    from asc_generated_client.api.assessments import assessments_evidence_create, assessments_list
    from asc_generated_client.api.evidence import evidence_update
    from asc_generated_client.models import (
        Error,
        EvidenceDetailOutput,
        EvidenceDirectionEnum,
        EvidenceInputRequest,
        EvidenceUpdateInputRequest,
        RouteEnum,
        SourceTypeEnum,
    )

    client = package.AuthenticatedClient(
        base_url=live_server.url, token=token_create(user=assessor).key, prefix="Token"
    )
    with client:
        listed = assessments_list.sync(client=client)
        assert [row.id for row in listed.results] == [assessment.pk]
        assert listed.results[0].council.name == assessment.council.name

        values = {
            "statements": [1, 7],
            "category": "peoples-experience",
            "route": RouteEnum.COLLECTED,
            "source_type": SourceTypeEnum.CASE_TRACKING,
            "title": "Case tracking: six people",
            "narrative": "Assessments started within four weeks for five of six people.",
            "direction": EvidenceDirectionEnum.POSITIVE,
            "effective_date": datetime.date(2025, 2, 3),
        }
        created = assessments_evidence_create.sync_detailed(
            assessment.pk, client=client, body=EvidenceInputRequest(**values)
        )
        assert created.status_code == 201, created.content
        item = created.parsed
        assert isinstance(item, EvidenceDetailOutput)
        assert item.version == 1 and item.statements == [1, 7]

        changed = evidence_update.sync_detailed(
            item.id,
            client=client,
            body=EvidenceUpdateInputRequest(**{**values, "title": "Six people"}, version=1),
        )
        assert changed.status_code == 200, changed.content
        assert changed.parsed.version == 2

        stale = evidence_update.sync_detailed(
            item.id,
            client=client,
            body=EvidenceUpdateInputRequest(**{**values, "title": "Seven people"}, version=1),
        )
        assert stale.status_code == 409
        assert isinstance(stale.parsed, Error) and stale.parsed.detail
