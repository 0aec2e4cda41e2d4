"""Pages of the national picture: ranking, method, pressure, council profile, waiting-list
entry and the admin upload pages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from demo.seed.national import seed_national
from national import services
from national.models import (
    CouncilSpend,
    DataImport,
    IndicatorDefinition,
    IndicatorValue,
    PressureThresholds,
    WaitingListSnapshot,
)
from tests.factories import council
from tests.national.conftest import add_snapshot, add_spend, publish_assessment

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---- ranking and method -----------------------------------------------------------------


def test_ranking_page_shows_top_10_full_table_and_movement(client, four_councils):
    response = client.get(reverse("national:outcomes"))
    assert response.status_code == 200
    text = text_of(response)
    assert "Outcomes per pound, 2024-25" in text
    assert "Top 10 councils" in text and "All councils" in text
    assert "1 Nottingham 116.3 103.3 £400 2 Up 1 place, still in the top 10" in text
    assert "4 Leeds 72.5 96.7 £600 4 Kept its place in the top 10" in text
    assert "Such statistics do not on their own judge how effective a council is" in text
    assert "Not ranked because no spend or population figure for 2024-25" in text


def test_ranking_page_filters_and_years(client, four_councils):
    text = text_of(client.get(reverse("national:outcomes"), {"type": "county council"}))
    assert "Top 10 of the councils shown (national positions)" in text
    assert "2 Kent" in text and "3 Suffolk" in text and "Nottingham 116.3" not in text
    text = text_of(client.get(reverse("national:outcomes"), {"year": "2023"}))
    assert "Outcomes per pound, 2023-24" in text
    assert "1 Suffolk" in text and "New in the top 10" in text
    # Nonsense filters fall back to the defaults rather than failing.
    response = client.get(reverse("national:outcomes"), {"year": "x", "region": "nowhere"})
    assert response.status_code == 200 and "Outcomes per pound, 2024-25" in text_of(response)


def test_ranking_page_without_data(client):
    text = text_of(client.get(reverse("national:outcomes")))
    assert "No year has both outcome indicator values and spend figures yet" in text


def test_ranking_page_needs_at_most_10_queries_for_153_councils_and_5_years(
    client, django_assert_max_num_queries
):
    seed_national(years=5, snapshots=2)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("national:outcomes"))
    assert "153 councils ranked on 8 outcome indicators" in text_of(response)


def test_ranking_page_states_the_spend_need_and_small_number_caveats(client, four_councils):
    text = text_of(client.get(reverse("national:outcomes")))
    assert "Spend is gross current expenditure" in text and "Net spend is not offered" in text
    assert "No adjustment is made for need or deprivation" in text
    assert "Small numbers swing from year to year" in text


def test_council_profile_shows_indicator_denominators(client):
    from councils.models import Council

    seed_national(years=2, snapshots=2)
    suffolk = Council.objects.get(name="Suffolk")
    from national.models import IndicatorValue

    text = text_of(client.get(reverse("national:council_profile", args=[suffolk.gss_code])))
    latest = IndicatorValue.objects.filter(council=suffolk, denominator__isnull=False)
    denominator = latest.order_by("-year").first().denominator
    assert f"of {int(denominator)} people" in text
    assert "ASCOF 2023-24" in text


def test_method_page_explains_the_calculation_and_the_caveat(client, four_councils):
    text = text_of(client.get(reverse("national:outcomes_method")))
    assert "Such statistics do not on their own judge a council's effectiveness" in text
    assert "z = s × (x − mean) ÷ standard deviation" in text
    assert "Z = Σ (weight × z) ÷ Σ weight" in text
    assert "O = 100 + 10 × Z" in text
    assert "R = spend per adult ÷ median spend per adult" in text
    assert "116.25" in text  # the worked example
    assert "1X Quality of life ASCOF 2023 higher 2" in text  # indicators and weights in use


# ---- pressure ---------------------------------------------------------------------------


def test_pressure_page_shows_levels_with_their_rule(client):
    add_spend(2024, {"Suffolk": (1, 250_000)})
    add_snapshot(council("Suffolk"), datetime.date(2024, 9, 30), 500, 130, 0, 0)
    text = text_of(client.get(reverse("national:pressure")))
    assert "Level 3: Severe pressure" in text
    assert "Level 3 because waiting over six months is 52 per 100,000 adults (threshold 40)" in text
    assert "Enter waiting-list figures" not in text  # the public cannot enter figures
    assert "Waiting over six months 1 Apr 2023 20 40 80" in text  # thresholds in force


# ---- council profile --------------------------------------------------------------------


def test_council_profile_shows_rating_history_indicators_rank_and_pressure(client, four_councils):
    suffolk = council("Suffolk")
    publish_assessment(suffolk, on=datetime.date(2024, 6, 3), scores=(3,) * 9)
    publish_assessment(suffolk)
    add_spend(2025, {"Suffolk": (1, 250_000)})  # population only used for pressure here
    add_snapshot(suffolk, datetime.date(2025, 6, 30), 500, 100, 0, 0)
    add_snapshot(suffolk, datetime.date(2025, 9, 30), 500, 130, 0, 0)
    response = client.get(reverse("national:council_profile", args=[suffolk.gss_code]))
    assert response.status_code == 200
    text = text_of(response)
    assert "Outstanding Score: 89%" in text
    assert "1. Assessing needs 3 - Evidence shows a good standard" in text
    assert "9. Learning, improvement and innovation 4 - Evidence shows an exceptional" in text
    assert "+14 points" in text  # history: 75% -> 89%
    # Indicators against the national (all four councils) and East of England medians.
    assert "1X Quality of life" in text and "3.0 2.0 3.0" in text
    assert "Better than" in text
    assert "Position 3 of 4 in 2024-25: down 2 places, still in the top 10." in text
    assert "Level 3 because waiting over six months is 52 per 100,000 adults (threshold 40)" in text
    html = response.content.decode()
    # Each chart is SVG with a text alternative, and its data is also a table.
    assert html.count("<svg") == 3
    assert html.count('role="img"') == 3
    for chart_id in ("opp", "indicators", "waiting"):
        assert f'<title id="{chart_id}-title">' in html and f'<desc id="{chart_id}-desc">' in html
    assert "Outcomes per pound by year, as a table" in text
    assert "Waiting-list figures over time" in text


def test_council_profile_without_data(client):
    text = text_of(client.get(reverse("national:council_profile", args=["E10000029"])))
    assert "Suffolk has no published rating yet." in text
    assert "No indicator values have been loaded for Suffolk." in text
    assert "No waiting-list figures have been entered for Suffolk." in text
    assert client.get(reverse("national:council_profile", args=["E99999999"])).status_code == 404


def _wipe_national():
    for model in (IndicatorValue, CouncilSpend, WaitingListSnapshot, DataImport):
        model.objects.all().delete()
    IndicatorDefinition.objects.all().delete()


def test_council_profile_query_count_does_not_grow_with_years_or_indicators(client):
    suffolk = council("Suffolk")
    publish_assessment(suffolk)
    url = reverse("national:council_profile", args=[suffolk.gss_code])
    counts = []
    for years, indicators in ((1, 1), (2, 3), (5, 10)):
        _wipe_national()
        seed_national(years=years, indicators=indicators, snapshots=2 * years)
        # The demo seeder writes rows directly; start uncached to count the worst case.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
    # Once the national figures are cached, a profile needs only its own council's rows.
    with CaptureQueriesContext(connection) as cached_queries:
        client.get(url)
    assert len(cached_queries) < counts[0]


def test_council_profile_cache_follows_the_data_and_not_the_visitor(
    client, suffolk, admin_user, council_lead, assessment, django_capture_on_commit_callbacks
):
    """The public part of the profile is cached; a change through the services shows at once,
    and the history still lists what each visitor may see."""
    url = reverse("national:council_profile", args=[suffolk.gss_code])
    publish_assessment(suffolk)
    public = client.get(url).context["profile"]
    assert public.latest_pressure is None
    assert [row.assessment.is_published for row in public.history] == [True]

    with django_capture_on_commit_callbacks(execute=True):  # the new data version is set on commit
        services.waiting_list_snapshot_create(
            actor=admin_user,
            council=suffolk,
            snapshot_date=datetime.date(2025, 9, 30),
            awaiting_assessment=500,
            waiting_over_six_months=130,
            awaiting_service_start=0,
            overdue_reviews=0,
        )
    client.force_login(council_lead)
    own = client.get(url).context["profile"]
    assert own.latest_pressure.snapshot.snapshot_date == datetime.date(2025, 9, 30)
    # The council's lead also sees its open assessment; the public, from the same cache, not.
    assert {row.assessment.pk for row in own.history} >= {assessment.pk}
    client.logout()
    again = client.get(url).context["profile"]
    assert assessment.pk not in {row.assessment.pk for row in again.history}
    assert again.latest_pressure.snapshot.snapshot_date == datetime.date(2025, 9, 30)


def test_synthetic_data_is_labelled_on_every_page(client):
    seed_national(years=2, indicators=3, snapshots=2)
    for url in (
        reverse("national:outcomes"),
        reverse("national:pressure"),
        reverse("national:council_profile", args=["E10000029"]),
    ):
        assert "These figures are synthetic demo data" in text_of(client.get(url)), url


def test_council_page_links_to_the_profile(client):
    html = client.get(reverse("councils:detail", args=["E10000029"])).content.decode()
    assert reverse("national:council_profile", args=["E10000029"]) in html


# ---- waiting-list entry -----------------------------------------------------------------

FORM = {
    "council": "E10000029",
    "snapshot_date": "31/3/2025",
    "awaiting_assessment": "1200",
    "waiting_over_six_months": "300",
    "awaiting_service_start": "150",
    "overdue_reviews": "900",
}


def test_waiting_list_form_needs_sign_in_and_the_right_role(client, council_lead):
    url = reverse("national:waiting_list_create")
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(council_lead)
    assert client.get(url).status_code == 403
    assert client.post(url, FORM).status_code == 403
    assert not WaitingListSnapshot.objects.exists()


@pytest.mark.parametrize("fixture", ["assessor", "admin_user"])
def test_assessors_and_admins_enter_figures(client, request, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    url = reverse("national:waiting_list_create")
    assert (
        'value="E10000029" selected' in client.get(url, {"council": "E10000029"}).content.decode()
    )
    response = client.post(url, FORM)
    assert response.status_code == 302
    assert response.url == reverse("national:council_profile", args=["E10000029"])
    entry = WaitingListSnapshot.objects.get()
    assert (entry.snapshot_date, entry.awaiting_assessment, entry.entered_by) == (
        datetime.date(2025, 3, 31),
        1200,
        user,
    )
    assert AuditEvent.objects.filter(action="national.waiting_list_create", actor=user).exists()


def test_bad_figures_get_an_error_summary_and_keep_what_was_typed(client, assessor):
    client.force_login(assessor)
    data = {
        **FORM,
        "snapshot_date": "31/2/2025",
        "awaiting_assessment": "lots",
        "waiting_over_six_months": "-1",
    }
    response = client.post(reverse("national:waiting_list_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Enter waiting-list figures" in html
    assert "govuk-error-summary" in html
    assert "Date of the figures must be a real date" in html
    assert "The number of people awaiting assessment must be a whole number, like 120" in html
    assert "The number of people waiting over six months must be 0 or more" in html
    assert 'value="lots"' in html and 'value="31/2/2025"' in html and 'value="150"' in html
    data = {**FORM, "waiting_over_six_months": "2000"}
    html = client.post(reverse("national:waiting_list_create"), data).content.decode()
    assert "cannot be more than people awaiting assessment" in html
    assert not WaitingListSnapshot.objects.exists()


def test_a_second_entry_for_the_same_date_is_refused_with_a_message(client, assessor):
    client.force_login(assessor)
    client.post(reverse("national:waiting_list_create"), FORM)
    response = client.post(
        reverse("national:waiting_list_create"), {**FORM, "overdue_reviews": "1"}
    )
    assert response.status_code == 200
    assert "Suffolk already has waiting-list figures for 31 March 2025" in response.content.decode()
    assert WaitingListSnapshot.objects.get().overdue_reviews == 900


# ---- upload pages (GOV.UK, linked from the admin) ------------------------------------------

UPLOADS = {
    "indicatorvalue": "gss_code,indicator_code,year,value\nE10000029,2D,2023,78\n",
    "councilspend": "gss_code,year,gross_current_expenditure,population_18_plus\n"
    "E10000029,2023,1000,10\n",
    "waitinglistsnapshot": "gss_code,snapshot_date,awaiting_assessment,waiting_over_six_months,"
    "awaiting_service_start,overdue_reviews\nE10000029,2024-03-31,10,1,1,1\n",
}
UPLOAD_PAGES = {
    "indicatorvalue": "national:upload_indicators",
    "councilspend": "national:upload_spend",
    "waitinglistsnapshot": "national:upload_waiting_lists",
}


@pytest.mark.parametrize("model", list(UPLOADS))
def test_upload_pages_load_good_files(client, admin_user, model):
    IndicatorDefinition.objects.create(
        framework="ASCOF", framework_version="2023-24", code="2D", name="Short-term", unit="percent"
    )
    client.force_login(admin_user)
    changelist = client.get(reverse(f"admin:national_{model}_changelist")).content.decode()
    url = reverse(UPLOAD_PAGES[model])
    assert url in changelist
    # The admin's old upload address sends admins to the GOV.UK page.
    assert client.get(reverse(f"admin:national_{model}_upload")).url == url
    page = client.get(url).content.decode()
    assert "gss_code" in page and "nothing is loaded" in page.lower()
    assert "govuk-template" in page or "govuk-body" in page
    upload = SimpleUploadedFile("data.csv", UPLOADS[model].encode(), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert DataImport.objects.get().rows == 1


def test_upload_page_shows_an_error_summary_lists_bad_rows_and_loads_nothing(client, admin_user):
    client.force_login(admin_user)
    url = reverse("national:upload_spend")
    text = UPLOADS["councilspend"] + "E99999999,2023,1000,10\nE10000029,2023,5,x\n"
    upload = SimpleUploadedFile("spend.csv", text.encode(), content_type="text/csv")
    html = client.post(url, {"file": upload}).content.decode()
    assert "<title>Error:" in html and "govuk-error-summary" in html
    assert 'href="#id_file"' in html and "Nothing was loaded" in html
    assert "Line 3: unknown GSS code &#x27;E99999999&#x27;." in html
    assert (
        "Line 4: population_18_plus &#x27;x&#x27; is not a whole number; "
        "Suffolk in 2023-24 repeats line 2." in html
    )
    assert not CouncilSpend.objects.exists()
    not_csv = SimpleUploadedFile("spend.xlsx", b"x", content_type="application/octet-stream")
    refused = client.post(url, {"file": not_csv}).content.decode()
    assert "The file must be a CSV file" in refused and "govuk-error-summary" in refused


def test_upload_pages_are_for_admins_only(client, assessor):
    client.force_login(assessor)
    for name in UPLOAD_PAGES.values():
        assert client.get(reverse(name)).status_code == 403


def test_admin_threshold_changes_are_audited_and_validated(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:national_pressurethresholds_add")
    data = {
        "measure": "overdue_reviews",
        "effective_from": "2025-04-01",
        "level_2_from": "350",
        "level_3_from": "550",
        "level_4_from": "900",
        "note": "Reviewed after a year.",
    }
    assert client.post(url, data).status_code == 302
    new = PressureThresholds.objects.get(effective_from=datetime.date(2025, 4, 1))
    assert new.created_by == admin_user
    event = AuditEvent.objects.get(action="national.pressurethresholds_create")
    assert event.changes["level_4_from"] == [None, "900"]
    bad = client.post(url, {**data, "effective_from": "2025-05-01", "level_3_from": "100"})
    assert bad.status_code == 200
    assert "rise from level 2 to level 4" in bad.content.decode()


@pytest.mark.parametrize(
    "model",
    [
        "indicatordefinition",
        "indicatorvalue",
        "councilspend",
        "waitinglistsnapshot",
        "pressurethresholds",
        "dataimport",
    ],
)
def test_admin_pages_of_the_national_picture_open_for_admins(client, admin_user, model):
    seed_national(years=1, indicators=2, snapshots=1)
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:national_{model}_changelist")).status_code == 200
    if model != "dataimport":
        assert client.get(reverse(f"admin:national_{model}_add")).status_code == 200


def test_admin_weight_edits_go_through_the_audited_service(client, admin_user):
    indicator = IndicatorDefinition.objects.create(
        framework="ASCOF", framework_version="2023", code="2D", name="Short-term", unit="percent"
    )
    client.force_login(admin_user)
    url = reverse("admin:national_indicatordefinition_change", args=[indicator.pk])
    data = {
        "framework": "ASCOF",
        "framework_version": "2023",
        "code": "2D",
        "name": "Short-term",
        "unit": "percent",
        "higher_is_better": "on",
        "description": "",
        "source": "",
        "outcome_weight": "1.5",
    }
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="national.indicatordefinition_change")
    assert event.changes == {"outcome_weight": ["0.000", "1.5"]}


def test_only_admins_and_assessors_are_offered_waiting_list_entry(client, assessor, council_lead):
    profile = reverse("national:council_profile", args=["E10000029"])
    client.force_login(council_lead)
    assert "Enter waiting-list figures" not in client.get(profile).content.decode()
    client.force_login(assessor)
    html = client.get(profile).content.decode()
    assert f"{reverse('national:waiting_list_create')}?council=E10000029" in html


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_cached_ranking_is_recomputed_once_an_import_changes_the_data(
    client, admin_user, four_councils, django_capture_on_commit_callbacks
):
    url = reverse("national:outcomes_ranking")
    before = main_of(client.get(url))  # computed, then cached
    assert main_of(client.get(url)) == before
    with django_capture_on_commit_callbacks(execute=True):
        services.indicator_values_import(
            actor=admin_user,
            data="gss_code,indicator_code,year,value\nE10000016,1X,2024,9\n",  # Kent
            source_file="kent.csv",
        )
    after = main_of(client.get(url))
    assert after != before
    cache.clear()
    assert main_of(client.get(url)) == after  # the same as computed afresh
