"""The permission matrix: every URL of the project, for every role, for every status.

How a new URL gets covered: the URLs are collected from the URL resolver (recursively), so
a new URL appears here by itself; `test_every_url_has_an_expectation` then fails until an
entry for it is added to its topic's module under tests/policy/matrix/ (how to fill its
kwargs and which policy rule decides the outcome). The Django admin (`admin/`, covered by
tests/pages/test_pages.py) and static files are skipped explicitly.

Outcomes: 200, LOGIN (302 to the sign-in page), 301 (an old address that moved), 403, 404,
REDIRECT (302 elsewhere) or 405
(GET on a POST-only URL). Rules are derived from policy/, so the matrix checks that the
views enforce the policy rather than restating it.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.models import Assessment, AssessmentStatus
from tests.factories import AssessmentFactory, score_all, write_summary
from tests.policy.matrix import EXPECTATIONS
from tests.policy.matrix.base import (
    LOGIN,
    REDIRECT,
    ROLES,
    SKIPPED_PREFIXES,
    STATUSES,
    Ctx,
    Objects,
    _make_objects,
)

pytestmark = pytest.mark.django_db


# ---- collecting the URLs --------------------------------------------------------------------


def collect_urls(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(route, name) of every URL pattern, walking included URL configurations."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            child_ns = namespace
            if pattern.namespace:
                child_ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from collect_urls(pattern, route, child_ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield route, name or route


def project_urls() -> dict[str, str]:
    return {name: route for route, name in collect_urls()}


def test_every_url_has_an_expectation():
    urls = project_urls()
    missing = sorted(set(urls) - set(EXPECTATIONS))
    assert not missing, (
        "These URLs have no entry in the permission matrix: "
        + ", ".join(f"{name} ({urls[name]})" for name in missing)
        + ". Add one to EXPECTATIONS in the topic's module under tests/policy/matrix/: how to "
        "fill its kwargs and which policy/ rule decides who gets 200, 302 to sign-in, 403 or 404."
    )
    stale = sorted(set(EXPECTATIONS) - set(urls))
    assert not stale, f"EXPECTATIONS names URLs that no longer exist: {stale}"


def test_admin_and_static_are_skipped_and_everything_else_is_collected():
    routes = [route for route, _ in collect_urls()]
    assert not any(route.startswith(SKIPPED_PREFIXES) for route in routes)
    assert "assessments/<int:pk>/challenges/<int:challenge_pk>/files/<int:attachment_pk>/" in routes


# ---- walking it -----------------------------------------------------------------------------


@pytest.fixture
def people(
    admin_user,
    lead_assessor,
    assessor,
    outside_assessor,
    council_lead,
    other_council_lead,
    council_contributor,
):
    return {
        "contributor": council_contributor,
        "anonymous": AnonymousUser(),
        "team_assessor": assessor,
        "outside_assessor": outside_assessor,
        "council_lead": council_lead,
        "other_lead": other_council_lead,
        "admin": admin_user,
        "lead_assessor": lead_assessor,
    }


@pytest.fixture
def clients(people):
    result = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        result[role] = client
    return result


def _place(assessment: Assessment, status: str) -> Assessment:
    assessment.status = status
    if status in (AssessmentStatus.FACTUAL_ACCURACY, AssessmentStatus.PUBLISHED):
        assessment.fa_sent_on = datetime.date.today() - datetime.timedelta(days=3)
        assessment.fa_due_on = datetime.date.today() + datetime.timedelta(days=11)
    if status == AssessmentStatus.PUBLISHED:
        assessment.published_on = datetime.date.today()
        assessment.published_rating, assessment.published_percentage = "good", 75.0
    if status == AssessmentStatus.WITHDRAWN:
        assessment.withdrawn_reason = "Test"
    assessment.save()
    return assessment


def _outcome(response) -> object:
    if response.status_code == 302:
        login = reverse("accounts:login")
        return LOGIN if response.url.startswith(login) else REDIRECT
    return response.status_code


def _walk(clients, people, objects: Objects, only_scoped: bool = False, roles=ROLES, expect=None):
    """Request every URL for every role; return (requests made, list of mismatches)."""
    failures, count = [], 0
    for name, entry in EXPECTATIONS.items():
        if only_scoped and not entry.scoped:
            continue
        for kwargs in entry.kwargs(objects):
            url = reverse(name, kwargs=kwargs)
            for role in roles:
                ctx = Ctx(people[role], objects.assessment)
                wanted = expect if expect is not None else entry.rule(ctx, kwargs)
                got = _outcome(clients[role].get(url))
                count += 1
                if got != wanted:
                    failures.append(f"{role:<16} GET {url:<60} expected {wanted}, got {got}")
    return count, failures


@pytest.mark.parametrize("status", STATUSES)
def test_permission_matrix(status, clients, people, suffolk):
    assessment = AssessmentFactory(
        council=suffolk, lead_assessor=people["lead_assessor"], assessors=[people["team_assessor"]]
    )
    score_all(assessment)
    write_summary(assessment)
    objects = _make_objects(assessment, people["council_lead"], people["team_assessor"])
    _place(assessment, status)
    count, failures = _walk(clients, people, objects)
    assert count >= len(EXPECTATIONS) * len(ROLES)
    assert not failures, f"{len(failures)} of {count} requests broke the policy:\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize("status", [s for s in STATUSES if s != AssessmentStatus.PUBLISHED])
def test_council_lead_never_reaches_another_councils_unpublished_ids(
    status, clients, people, nottingham, suffolk
):
    """Guessed ids: the Suffolk lead and an outside assessor get 404 for every page, file and
    id of Nottingham's unpublished assessment, and for Nottingham ids under Suffolk's."""
    notts = AssessmentFactory(council=nottingham, lead_assessor=people["lead_assessor"])
    objects = _make_objects(notts, people["other_lead"], people["lead_assessor"])
    _place(notts, status)
    count, failures = _walk(
        clients,
        people,
        objects,
        only_scoped=True,
        roles=("council_lead", "outside_assessor", "contributor"),
        expect=404,
    )
    # Suffolk's own assessment with Nottingham's challenge and file ids.
    own = _place(AssessmentFactory(council=suffolk), AssessmentStatus.FACTUAL_ACCURACY)
    for name, kwargs in (
        ("reviews:challenge_detail", {"pk": own.pk, "challenge_pk": objects.challenge.pk}),
        (
            "reviews:challenge_attachment",
            {
                "pk": own.pk,
                "challenge_pk": objects.challenge.pk,
                "attachment_pk": objects.challenge_attachment.pk,
            },
        ),
    ):
        got = _outcome(clients["council_lead"].get(reverse(name, kwargs=kwargs)))
        count += 1
        if got != 404:
            failures.append(f"council_lead GET {name} {kwargs} expected 404, got {got}")
    assert count > 0
    assert not failures, "\n".join(failures)


def test_matrix_size(capsys):
    """Prints URLs x roles x statuses (run with -s to see it)."""
    concrete = sum(len(entry.kwargs(_FakeObjects())) for entry in EXPECTATIONS.values())
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(project_urls())} URL patterns ({concrete} concrete URLs)"
            f" x {len(ROLES)} roles x {len(STATUSES)} statuses = "
            f"{concrete * len(ROLES) * len(STATUSES)} requests"
        )
    assert concrete >= len(EXPECTATIONS)


class _FakeObjects:
    """Stand-ins with ids, to count concrete URLs without a database."""

    class _Id:
        pk = 1
        gss_code = "E10000029"
        author_id = 1

    assessment = type("A", (), {"pk": 1, "council": _Id(), "framework_id": 1})()
    challenge = challenge_attachment = evidence = evidence_attachment = _Id()
