"""Who may enter waiting lists and load national data (policy)."""

import pytest
from django.contrib.auth.models import AnonymousUser

import policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fixture", "enter", "load"),
    [
        ("admin_user", True, True),
        ("assessor", True, False),
        ("council_lead", False, False),
    ],
)
def test_national_data_permissions(request, fixture, enter, load):
    user = request.getfixturevalue(fixture)
    assert policy.can_enter_waiting_list(user) is enter
    assert policy.can_import_national_data(user) is load


def test_the_public_may_do_neither():
    assert not policy.can_enter_waiting_list(AnonymousUser())
    assert not policy.can_import_national_data(AnonymousUser())
