"""Spending plans by grant condition: the shares arithmetic, the portal entry, the CSV load
(all rows or none), the national view with query counts flat in councils and years, the API."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from audit.models import AuditEvent
from core.csv_import import CsvImportError
from councils.models import Council
from grants import selectors, services, shares
from grants.models import Grant, SpendingPlan

pytestmark = pytest.mark.django_db


def _grant() -> Grant:
    return Grant.objects.prefetch_related("conditions").get(code="ibcf-2017")


def _amounts(grant, planned):
    return {c: (Decimal(p), None) for c, p in zip(grant.conditions.all(), planned, strict=True)}


def _seed(councils: list[Council], years: list[int]):
    grant = _grant()
    for year in years:
        for council in councils:
            services.spending_plan_save(
                actor=None,
                council=council,
                grant=grant,
                year=year,
                amounts=_amounts(grant, [44, 23, 33]),
            )


# ---- pure arithmetic ---------------------------------------------------------------------


def test_council_shares_and_spread():
    assert shares.council_shares({1: 50, 2: 25, 3: 25}) == {1: 0.5, 2: 0.25, 3: 0.25}
    assert shares.council_shares({1: 0, 2: 0}) is None
    spread = shares.spread([0.2, 0.4, 0.9])
    assert (spread.councils, spread.median, spread.lowest, spread.highest) == (3, 0.4, 0.2, 0.9)
    assert spread.mean == pytest.approx(0.5)
    assert shares.spread([]) is None
    assert shares.percent(0.435) == "44%"
    assert shares.percent(0.4349) == "43%"


def test_conditions_are_seeded_with_sources():
    grant = _grant()
    conditions = list(grant.conditions.all())
    assert [c.short_name for c in conditions] == [
        "Meeting adult social care needs",
        "Reducing pressures on the NHS",
        "Supporting the local provider market",
    ]
    assert conditions[1].wording.startswith("Reducing pressures on the NHS, including supporting")
    assert all(c.source.startswith(("MHCLG", "HSJ")) for c in conditions)


# ---- writes ------------------------------------------------------------------------------


def test_plan_save_replaces_and_is_audited(suffolk, council_lead):
    grant = _grant()
    services.spending_plan_save(
        actor=council_lead,
        council=suffolk,
        grant=grant,
        year=2017,
        amounts=_amounts(grant, [1, 2, 3]),
    )
    services.spending_plan_save(
        actor=council_lead,
        council=suffolk,
        grant=grant,
        year=2017,
        amounts=_amounts(grant, [4, 4, 2]),
    )
    plan = SpendingPlan.objects.get(council=suffolk)
    assert [line.planned for line in plan.lines.all()] == [4, 4, 2]
    assert AuditEvent.objects.filter(action="grants.plan_save").count() == 2


def test_plan_save_refuses_a_missing_condition_and_nothing_planned(suffolk):
    grant = _grant()
    amounts = _amounts(grant, [1, 2, 3])
    amounts.pop(next(iter(amounts)))
    with pytest.raises(services.GrantsError, match="every condition"):
        services.spending_plan_save(
            actor=None, council=suffolk, grant=grant, year=2017, amounts=amounts
        )
    with pytest.raises(services.GrantsError, match="more than £0"):
        services.spending_plan_save(
            actor=None, council=suffolk, grant=grant, year=2017, amounts=_amounts(grant, [0, 0, 0])
        )
    assert not SpendingPlan.objects.exists()


CSV = """gss_code,grant,year,condition,planned,actual
E10000029,ibcf-2017,2017-18,1,"440,000",
E10000029,ibcf-2017,2017-18,2,230000,200000
E10000029,ibcf-2017,2017-18,3,330000,
"""


def test_import_loads_all_rows():
    assert services.spending_plans_import(actor=None, data=CSV, source_file="plans.csv") == 1
    plan = SpendingPlan.objects.get()
    assert plan.source_file == "plans.csv"
    assert [str(line.planned) for line in plan.lines.all()] == [
        "440000.00",
        "230000.00",
        "330000.00",
    ]


def test_import_loads_nothing_when_a_row_is_wrong():
    bad = (
        CSV
        + "E99999999,ibcf-2017,2017,1,5,\n"
        + "E10000029,ibcf-2017,2017,9,5,\n"
        + "E08000026,ibcf-2017,2017,1,-3,\n"
    )
    with pytest.raises(CsvImportError) as caught:
        services.spending_plans_import(actor=None, data=bad, source_file="bad.csv")
    assert "Line 5: unknown GSS code 'E99999999'." in caught.value.errors
    assert any(e.startswith("Line 6:") and "no condition 9" in e for e in caught.value.errors)
    assert any(e.startswith("Line 7:") and "below 0" in e for e in caught.value.errors)
    assert not SpendingPlan.objects.exists()


def test_import_reports_a_council_missing_a_condition():
    partial = "\n".join(CSV.splitlines()[:3]) + "\n"
    with pytest.raises(CsvImportError) as caught:
        services.spending_plans_import(actor=None, data=partial, source_file="p.csv")
    assert caught.value.errors == ["Line 2: Suffolk ibcf-2017 2017 has no row for condition 3."]


def test_command_help_documents_the_format_and_loads(tmp_path, capsys):
    with pytest.raises(SystemExit):
        call_command("import_spending_plans", "--help")
    assert "planned    planned spend in pounds" in capsys.readouterr().out
    path = tmp_path / "plans.csv"
    path.write_text(CSV)
    call_command("import_spending_plans", str(path), stdout=io.StringIO())
    assert SpendingPlan.objects.count() == 1
    path.write_text("gss_code,grant,year,condition,planned\nE1,ibcf-2017,2017,1,1\n")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("import_spending_plans", str(path), stderr=io.StringIO())


# ---- reads -------------------------------------------------------------------------------


def test_national_shares_mean_median_by_region_and_type():
    grant = _grant()
    suffolk, notts, brum = (
        Council.objects.get(name=n) for n in ("Suffolk", "Nottingham", "Birmingham")
    )
    for council, planned in ((suffolk, [60, 20, 20]), (notts, [20, 40, 40]), (brum, [40, 30, 30])):
        services.spending_plan_save(
            actor=None, council=council, grant=grant, year=2017, amounts=_amounts(grant, planned)
        )
    national = selectors.national_shares(grant=grant, year=2017)
    assert national.answering == 3
    assert national.national[1].mean == pytest.approx(0.4)
    assert national.national[1].median == pytest.approx(0.4)
    assert (national.national[1].lowest, national.national[1].highest) == (
        pytest.approx(0.2),
        pytest.approx(0.6),
    )
    regions = {name: (count, means) for name, count, means in national.by_region}
    assert regions["East of England"] == (
        1,
        {1: pytest.approx(0.6), 2: pytest.approx(0.2), 3: pytest.approx(0.2)},
    )
    filtered = selectors.national_shares(grant=grant, year=2017, council_type="county council")
    assert [s.council.name for s in filtered.councils] == ["Suffolk"]


@pytest.mark.parametrize("size", [(3, 1), (30, 3)])
def test_national_page_queries_do_not_grow(client, django_assert_max_num_queries, size):
    councils, years = size
    _seed(list(Council.objects.order_by("pk")[:councils]), list(range(2017, 2017 + years)))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("grants:national", args=["ibcf-2017"]))
    assert response.status_code == 200
    assert response.content.count(b'href="/grants/ibcf-2017/councils/') == councils


def test_council_page_shows_split_beside_national_and_synthetic_label(client, suffolk):
    grant = _grant()
    services.spending_plan_save(
        actor=None, council=suffolk, grant=grant, year=2017, amounts=_amounts(grant, [50, 25, 25])
    )
    SpendingPlan.objects.update(source_file="synthetic demo data")
    response = client.get(reverse("grants:council_plan", args=["ibcf-2017", "E10000029", 2017]))
    body = response.content.decode()
    assert "synthetic demo data" in body
    assert "<svg" in body and "Mean of councils" in body and "50%" in body


def test_portal_form_reshows_errors_and_saves(client, council_lead, other_council_lead):
    url = reverse("grants:plan_edit", args=["ibcf-2017", "E10000029", 2017])
    client.force_login(other_council_lead)
    assert client.get(url).status_code == 403
    client.force_login(council_lead)
    response = client.post(url, {"planned_1": "abc", "planned_2": "10", "planned_3": "10"})
    body = response.content.decode()
    assert body.count("govuk-error-summary") >= 1 and "abc" in body
    assert "<title>Error:" in body
    response = client.post(url, {"planned_1": "440", "planned_2": "230", "planned_3": "330"})
    assert response.status_code == 302
    # The same post again replaces the plan: nothing is created twice.
    client.post(url, {"planned_1": "440", "planned_2": "230", "planned_3": "330"})
    assert SpendingPlan.objects.count() == 1


# ---- API ---------------------------------------------------------------------------------


def test_api_shares_and_plan(api, token_client, council_lead, other_council_lead):
    url = reverse("api:grant-council-plan", args=["ibcf-2017", "E10000029", 2017])
    body = {
        "lines": [
            {"condition": 1, "planned": "44"},
            {"condition": 2, "planned": "23"},
            {"condition": 3, "planned": "33"},
        ]
    }
    assert api.put(url, body, format="json").status_code == 401
    assert token_client(other_council_lead).put(url, body, format="json").status_code == 403
    lead = token_client(council_lead)
    assert (
        lead.put(url, {"lines": [{"condition": 1, "planned": "-1"}]}, format="json").status_code
        == 400
    )
    assert (
        lead.put(url, {"lines": [{"condition": 1, "planned": "1"}]}, format="json").status_code
        == 400
    )
    assert (
        lead.put(url, {"lines": [{"condition": 7, "planned": "1"}]}, format="json").status_code
        == 400
    )
    response = lead.put(url, body, format="json")
    assert response.status_code == 200
    assert [line["planned"] for line in response.json()["lines"]] == ["44.00", "23.00", "33.00"]
    shares_json = api.get(reverse("api:grant-shares", args=["ibcf-2017"])).json()
    assert shares_json["councils_answering"] == 1
    assert shares_json["national"][0]["mean"] == pytest.approx(0.44)
    assert api.get(reverse("api:grant-shares", args=["ibcf-2017"]) + "?year=abc").status_code == 400
    assert api.get(reverse("api:grants")).json()["results"][0]["conditions"][2]["number"] == 3
