"""OPTIONS is not part of the API (the OpenAPI schema describes it): 405, never a 500."""

import pytest

from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_options_answers_405_on_views_without_a_queryset_or_serializer(client, admin_user):
    client.force_login(admin_user)
    assessment = AssessmentFactory()
    for url in (
        f"/api/v1/assessments/{assessment.pk}/",
        f"/api/v1/assessments/{assessment.pk}/summary/",
        "/api/v1/results/import/",
        "/api/v1/assessments/",
    ):
        response = client.options(url)
        assert response.status_code == 405, url
        assert response.json()["detail"] == 'Method "OPTIONS" not allowed.', url
