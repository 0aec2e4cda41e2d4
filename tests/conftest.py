"""Role fixtures shared by every test module."""

import pytest
from django.core.cache import cache
from hypothesis import settings

from accounts.roles import Role
from tests.factories import AssessmentFactory, UserFactory, council

# Property tests check what the code computes, not how fast: hypothesis's default 200 ms
# deadline per example made them fail on a busy machine (tests assert no timings, rule 7).
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: derived figures cached by one test's data
    (core.datacache) must not be read by the next, whose data was rolled back."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def suffolk():
    return council("Suffolk")


@pytest.fixture
def nottingham():
    return council("Nottingham")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMIN)


@pytest.fixture
def lead_assessor(db):
    return UserFactory(username="lead", role=Role.ASSESSOR)


@pytest.fixture
def assessor(db):
    return UserFactory(username="assessor", role=Role.ASSESSOR)


@pytest.fixture
def outside_assessor(db):
    """An assessor who is not in the team of the assessments under test."""
    return UserFactory(username="outsider", role=Role.ASSESSOR)


@pytest.fixture
def council_lead(db, suffolk):
    return UserFactory(username="suffolk.lead", role=Role.COUNCIL_LEAD, councils=[suffolk])


@pytest.fixture
def other_council_lead(db, nottingham):
    return UserFactory(username="notts.lead", role=Role.COUNCIL_LEAD, councils=[nottingham])


@pytest.fixture
def council_contributor(db, suffolk):
    """A council contributor of Suffolk (prepares the information return, issue 14)."""
    return UserFactory(
        username="suffolk.contributor", role=Role.COUNCIL_CONTRIBUTOR, councils=[suffolk]
    )


@pytest.fixture
def assessment(db, suffolk, lead_assessor, assessor):
    """An open assessment of Suffolk with a lead assessor and one assessor in the team."""
    return AssessmentFactory(council=suffolk, lead_assessor=lead_assessor, assessors=[assessor])


# ---- API clients ----------------------------------------------------------------------


@pytest.fixture
def api():
    """An anonymous REST API client."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token_client(db):
    """`token_client(user)`: an API client authenticating with the user's API token."""
    from rest_framework.test import APIClient

    from accounts.services import token_create

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_create(user=user).key}")
        return client

    return make
