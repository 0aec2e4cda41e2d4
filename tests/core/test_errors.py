"""One error vocabulary: every app's refusals are core.errors.DomainError, every stale-version
refusal is core.errors.StaleVersionError, and the API handler answers by those two bases."""

import pytest
from rest_framework.test import APIRequestFactory

from assessments.services import (
    AssessmentError,
    ResultsImportError,
    StaleAssessmentError,
)
from assessments.services import (
    StaleVersionError as StaleScoreError,
)
from core.api import exception_handler
from core.errors import DomainError, StaleVersionError
from evidence.services import EvidenceError, StaleEvidenceError
from national.services import NationalDataError
from reports.services import ReportError


@pytest.mark.parametrize(
    "error", [AssessmentError, ResultsImportError, EvidenceError, NationalDataError, ReportError]
)
def test_each_apps_refusals_are_domain_errors(error):
    assert issubclass(error, DomainError)


@pytest.mark.parametrize("error", [StaleScoreError, StaleAssessmentError, StaleEvidenceError])
def test_each_stale_refusal_is_the_one_stale_version_error(error):
    assert issubclass(error, StaleVersionError)


def _handle(exc):
    request = APIRequestFactory().get("/api/v1/")
    response = exception_handler(exc, {"request": request, "view": None})
    return response.status_code, response.data


def test_the_handler_answers_by_the_two_bases():
    assert _handle(StaleEvidenceError(current=None)) == (
        409,
        {
            "detail": "This evidence was changed by someone else since you opened it. "
            "Your changes have not been saved.",
            "code": "stale_version",
        },
    )
    assert _handle(NationalDataError("Not today."))[0] == 409
    assert _handle(DomainError("Bad reason", field="reason")) == (400, {"reason": ["Bad reason"]})


def test_a_stale_error_keeps_the_row_as_now_stored():
    current = object()
    assert StaleEvidenceError(current).current is current
    assert StaleAssessmentError(current).current is current
    assert StaleScoreError("Changed.").current is None
