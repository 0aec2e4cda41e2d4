"""The assessments list: search by council, filters (status, kind, region, assigned to me),
sorting by every column, the next deadline, and a query count that does not grow."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from assessments.models import AssessmentKind, AssessmentStatus
from councils.models import Council
from tests.factories import AssessmentFactory, UserFactory, council

pytestmark = pytest.mark.django_db
S = AssessmentStatus
URL = "/assessments/"


def _councils(html: str) -> list[str]:
    return re.findall(r'data-label="Council"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def listed(lead_assessor, assessor):
    """Four assessments in different regions, stages and kinds."""
    today = timezone.localdate()
    return {
        "suffolk": AssessmentFactory(
            council=council("Suffolk"),
            status=S.FACTUAL_ACCURACY,
            fa_due_on=today + datetime.timedelta(days=9),
            lead_assessor=lead_assessor,
        ),
        "nottingham": AssessmentFactory(
            council=council("Nottingham"),
            status=S.EVIDENCE_GATHERING,
            site_visit_on=today + datetime.timedelta(days=30),
            assessors=[assessor],
        ),
        "birmingham": AssessmentFactory(
            council=council("Birmingham"), status=S.SCORING, kind=AssessmentKind.PILOT
        ),
        "lincolnshire": AssessmentFactory(
            council=council("Lincolnshire"),
            status=S.PUBLISHED,
            published_on=datetime.date(2025, 6, 2),
        ),
    }


def test_search_by_council_name(client, admin_user, listed):
    client.force_login(admin_user)
    assert _councils(client.get(URL, {"q": "notting"}).content.decode()) == ["Nottingham"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": S.SCORING}, ["Birmingham"]),
        ({"kind": AssessmentKind.PILOT}, ["Birmingham"]),
        ({"region": "E12000006"}, ["Suffolk"]),  # East of England
        ({"status": "no-such-status"}, ["Birmingham", "Lincolnshire", "Nottingham", "Suffolk"]),
    ],
)
def test_filters(client, admin_user, listed, params, expected):
    client.force_login(admin_user)
    html = client.get(URL, {**params, "sort": "council"}).content.decode()
    assert _councils(html) == expected


def test_assigned_to_me_as_lead_or_team_member(client, lead_assessor, assessor, listed):
    other = UserFactory(role=Role.ASSESSOR)
    listed["nottingham"].assessors.add(other)
    client.force_login(assessor)
    assert _councils(client.get(URL, {"mine": "on"}).content.decode()) == ["Nottingham"]
    client.force_login(lead_assessor)
    assert _councils(client.get(URL, {"mine": "on"}).content.decode()) == ["Suffolk"]
    html = client.get(URL).content.decode()
    assert "Only assessments assigned to me" in html


def test_council_leads_are_not_offered_assigned_to_me(client, council_lead, listed):
    client.force_login(council_lead)
    html = client.get(URL).content.decode()
    assert "Only assessments assigned to me" not in html
    # What a council lead may see is still decided by the policy.
    assert set(_councils(html)) == {"Suffolk", "Lincolnshire"}


def test_the_next_deadline_is_shown_and_sorts_first(client, admin_user, listed):
    client.force_login(admin_user)
    html = client.get(URL).content.decode()
    due = (timezone.localdate() + datetime.timedelta(days=9)).strftime("%-d %B %Y")
    assert f"Factual accuracy check due: {due}" in html
    assert "Site visit: " in html
    # Default order: soonest deadline first, those without one after.
    assert _councils(html)[:2] == ["Suffolk", "Nottingham"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("council", ["Birmingham", "Lincolnshire", "Nottingham", "Suffolk"]),
        ("-council", ["Suffolk", "Nottingham", "Lincolnshire", "Birmingham"]),
        ("region", ["Lincolnshire", "Nottingham", "Suffolk", "Birmingham"]),
        ("kind", ["Lincolnshire", "Nottingham", "Suffolk", "Birmingham"]),
        ("status", ["Nottingham", "Birmingham", "Suffolk", "Lincolnshire"]),
        ("-status", ["Lincolnshire", "Suffolk", "Birmingham", "Nottingham"]),
        ("deadline", ["Suffolk", "Nottingham", "Birmingham", "Lincolnshire"]),
        ("-deadline", ["Nottingham", "Suffolk", "Birmingham", "Lincolnshire"]),
    ],
)
def test_sort_by_any_column(client, admin_user, listed, sort, expected):
    client.force_login(admin_user)
    assert _councils(client.get(URL, {"sort": sort}).content.decode()) == expected


def test_sort_by_lead_assessor(client, admin_user, listed, lead_assessor):
    client.force_login(admin_user)
    html = client.get(URL, {"sort": "-lead"}).content.decode()
    assert _councils(html)[0] == "Suffolk"  # the only one with a lead assessor


def test_column_headings_are_sort_links_with_aria_sort(client, admin_user, listed):
    client.force_login(admin_user)
    html = client.get(URL, {"sort": "council", "status": S.SCORING}).content.decode()
    assert 'aria-sort="ascending"><a class="govuk-link app-sort-link" href="?' in html
    assert "sort=-council" in html and "status=scoring" in html
    for label in ("Council", "Region", "Kind", "Status", "Lead assessor", "Next deadline"):
        assert f">{label}</a></th>" in html


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"sort": "status"}).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(client, admin_user):
    client.force_login(admin_user)
    councils = list(Council.objects.order_by("gss_code")[:14])
    lead = UserFactory(role=Role.ASSESSOR)
    for each in councils[:2]:
        AssessmentFactory(council=each, lead_assessor=lead, assessors=[lead])
    few = _queries(client)
    for each in councils[2:]:
        AssessmentFactory(council=each, lead_assessor=lead, assessors=[lead])
    assert _queries(client) == few
