"""Outcomes per pound by domain (issue 18): positions and movement per domain on the ranking,
the council profile and the API; the method page says how domains combine; the two interface
measures are defined with their sources."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from national import selectors
from national.models import IndicatorDefinition, OutcomeDomain
from tests.factories import IndicatorDefinitionFactory
from tests.national.conftest import add_spend, add_values

pytestmark = pytest.mark.django_db

SPEND = {"Suffolk": (100, 1), "Nottingham": (100, 1), "Birmingham": (100, 1)}


@pytest.fixture
def domains(db):
    older = IndicatorDefinitionFactory(code="O1", outcome_weight=Decimal(1), domain="older_adults")
    disability = IndicatorDefinitionFactory(
        code="D1", outcome_weight=Decimal(1), domain="all_age_disability"
    )
    for year, older_values, disability_values in (
        (2023, (3, 2, 1), (1, 2, 3)),
        (2024, (1, 2, 3), (1, 2, 3)),
    ):
        add_spend(year, SPEND)
        add_values(older, year, dict(zip(SPEND, older_values, strict=True)))
        add_values(disability, year, dict(zip(SPEND, disability_values, strict=True)))


def test_the_two_interface_measures_are_defined_with_sources():
    measures = {d.code: d for d in IndicatorDefinition.objects.filter(domain="interface")}
    assert set(measures) >= {"LTS002a-H", "STS002a-R"}
    assert "hospital episode" in measures["LTS002a-H"].name
    assert "LTS002a" in measures["LTS002a-H"].source
    assert "per 100,000" in measures["STS002a-R"].name
    assert measures["STS002a-R"].unit == "per_100k"
    assert all(m.outcome_weight == 0 for m in measures.values())  # an admin chooses weights


def test_positions_and_movement_by_domain(domains):
    positions, rows = selectors.domain_table(year=2024)
    by_name = {row.council.name: row.positions for row in rows}
    older = by_name["Birmingham"]["older_adults"]
    assert (older.position, older.previous, older.of) == (1, 3, 3)
    assert older.movement == "up 2 places, still in the top 10"
    assert by_name["Birmingham"]["all_age_disability"].movement == "kept its place in the top 10"
    assert [key for key, _, _ in positions.domains] == list(OutcomeDomain.values)
    assert "interface" not in by_name["Birmingham"]  # no weighted interface indicator


def test_ranking_profile_method_and_api_show_domains(client, api, domains):
    ranking = client.get(reverse("national:outcomes") + "?year=2024").content.decode()
    assert 'id="domain-positions"' in ranking and "up 2 places" in ranking
    profile = client.get(reverse("national:council_profile", args=["E08000025"])).content.decode()
    assert 'id="council-domains"' in profile and "Older adults" in profile
    assert 'id="high-impact-changes"' in profile
    method = client.get(reverse("national:outcomes_method")).content.decode()
    assert "How domains combine" in method and "LTS002a-H" in method
    data = api.get(reverse("api:outcome-domains") + "?year=2024").json()
    assert data["year"] == 2024 and len(data["rows"]) == 3
    assert api.get(reverse("api:outcome-domains") + "?year=x").status_code == 400
