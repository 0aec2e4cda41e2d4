"""Imports (all rows or none, line-numbered errors), hand entry of waiting lists, audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from core.csv_import import CsvImportError
from national import services
from national.models import (
    CouncilSpend,
    DataImport,
    IndicatorValue,
    WaitingListSnapshot,
)
from tests.factories import IndicatorDefinitionFactory

pytestmark = pytest.mark.django_db

SUFFOLK = "E10000029"
NOTTINGHAM = "E06000018"


@pytest.fixture
def indicators():
    return {
        "2D": IndicatorDefinitionFactory(code="2D", name="Short-term support"),
        "2A": IndicatorDefinitionFactory(code="2A", name="Admissions", higher_is_better=False),
    }


def test_indicator_values_load_with_old_codes_mapped_and_are_audited(admin_user, indicators):
    text = (
        "gss_code,indicator_code,year,value,numerator,denominator\n"
        f"{SUFFOLK},2D,2023-24,78.4,784,1000\n"
        "E08000016,2d,2023,81.0,,\n"  # Barnsley's pre-2025 code; code case does not matter
        f'{NOTTINGHAM},2A,2022,"1,234.5",,\n'
    )
    record = services.indicator_values_import(actor=admin_user, data=text, source_file="a.csv")
    assert (record.rows, record.created, record.updated) == (3, 3, 0)
    barnsley = IndicatorValue.objects.get(council__gss_code="E08000038")
    assert barnsley.value == Decimal("81.0") and barnsley.year == 2023
    suffolk = IndicatorValue.objects.get(council__gss_code=SUFFOLK)
    assert (suffolk.numerator, suffolk.denominator, suffolk.source_file) == (784, 1000, "a.csv")
    assert IndicatorValue.objects.get(indicator__code="2A").value == Decimal("1234.5")
    event = AuditEvent.objects.get(action="national.import_indicators")
    assert event.actor == admin_user and event.target_id == str(record.pk)


def test_a_bad_row_loads_nothing_and_every_bad_row_is_listed(admin_user, indicators):
    text = (
        "gss_code,indicator_code,year,value\n"
        f"{SUFFOLK},2D,2023,78.4\n"  # good
        "E99999999,2D,2023,70\n"  # unknown GSS code
        f"{SUFFOLK},9Z,2023,70\n"  # unknown indicator
        f"{NOTTINGHAM},2D,23,seventy\n"  # bad year and bad number
        f"{SUFFOLK},2D,2023-24,79\n"  # repeats line 2
    )
    with pytest.raises(CsvImportError) as caught:
        services.indicator_values_import(actor=admin_user, data=text, source_file="bad.csv")
    assert caught.value.errors == [
        "Line 3: unknown GSS code 'E99999999'.",
        "Line 4: unknown indicator '9Z'.",
        "Line 5: year '23' is not a year such as 2023 or 2023-24; value 'seventy' is not a number.",
        "Line 6: 2D for Suffolk in 2023-24 repeats line 2.",
    ]
    assert not IndicatorValue.objects.exists()
    assert not DataImport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="national.").exists()


def test_an_indicator_code_in_two_versions_needs_the_framework_columns(admin_user, indicators):
    IndicatorDefinitionFactory(code="2D", framework_version="2024", name="Short-term support")
    ambiguous = f"gss_code,indicator_code,year,value\n{SUFFOLK},2D,2023,78\n"
    with pytest.raises(CsvImportError) as caught:
        services.indicator_values_import(actor=admin_user, data=ambiguous, source_file="x.csv")
    assert caught.value.errors == [
        "Line 2: indicator '2D' is defined in ASCOF 2023 and ASCOF 2024; "
        "give framework and framework_version."
    ]
    explicit = (
        "gss_code,indicator_code,framework,framework_version,year,value\n"
        f"{SUFFOLK},2D,ascof,2024,2023,78\n"
    )
    services.indicator_values_import(actor=admin_user, data=explicit, source_file="x.csv")
    assert IndicatorValue.objects.get().indicator.framework_version == "2024"


def test_loading_again_replaces_revised_figures(admin_user, indicators):
    first = f"gss_code,indicator_code,year,value\n{SUFFOLK},2D,2023,78\n{NOTTINGHAM},2D,2023,70\n"
    services.indicator_values_import(actor=admin_user, data=first, source_file="v1.csv")
    revised = f"gss_code,indicator_code,year,value\n{SUFFOLK},2D,2023,79.5\n{SUFFOLK},2D,2022,77\n"
    record = services.indicator_values_import(actor=admin_user, data=revised, source_file="v2.csv")
    assert (record.created, record.updated) == (1, 1)
    suffolk = IndicatorValue.objects.get(council__gss_code=SUFFOLK, year=2023)
    assert (suffolk.value, suffolk.source_file) == (Decimal("79.5"), "v2.csv")
    assert IndicatorValue.objects.count() == 3


def test_spend_import_and_spend_per_adult(admin_user):
    text = (
        "gss_code,year,gross_current_expenditure,population_18_plus\n"
        f'{SUFFOLK},2023-24,"350,000,000","620,000"\n'
        "E08000019,2023,250000000.50,450000\n"  # Sheffield's old code
    )
    record = services.council_spend_import(actor=admin_user, data=text, source_file="s.csv")
    assert record.rows == 2
    suffolk = CouncilSpend.objects.get(council__gss_code=SUFFOLK)
    assert suffolk.spend_per_adult == Decimal("564.52")  # 350,000,000 / 620,000
    assert CouncilSpend.objects.filter(council__name="Sheffield", year=2023).exists()


def test_spend_import_errors(admin_user):
    text = (
        "gss_code,year,gross_current_expenditure,population_18_plus\n"
        f"{SUFFOLK},2023,-5,0\n"
        f"{SUFFOLK},2023,10,10\n"
        f"{NOTTINGHAM},2023,,1000.5\n"
    )
    with pytest.raises(CsvImportError) as caught:
        services.council_spend_import(actor=admin_user, data=text, source_file="s.csv")
    assert caught.value.errors == [
        "Line 2: gross_current_expenditure '-5' is below 0; population_18_plus '0' is below 1.",
        "Line 3: Suffolk in 2023-24 repeats line 2.",
        "Line 4: no gross_current_expenditure; population_18_plus '1000.5' is not a whole number.",
    ]
    assert not CouncilSpend.objects.exists()


def test_spend_duplicates_are_reported(admin_user):
    text = (
        "gss_code,year,gross_current_expenditure,population_18_plus\n"
        f"{SUFFOLK},2023,10,10\n"
        f"{SUFFOLK},2023-24,11,10\n"
    )
    with pytest.raises(CsvImportError) as caught:
        services.council_spend_import(actor=admin_user, data=text, source_file="s.csv")
    assert caught.value.errors == ["Line 3: Suffolk in 2023-24 repeats line 2."]


def test_waiting_list_import_and_its_checks(admin_user):
    header = (
        "gss_code,snapshot_date,awaiting_assessment,waiting_over_six_months,"
        "awaiting_service_start,overdue_reviews\n"
    )
    good = (
        header + f"{SUFFOLK},2024-03-31,1200,300,150,900\n{SUFFOLK},30/06/2024,1100,250,140,880\n"
    )
    record = services.waiting_lists_import(actor=admin_user, data=good, source_file="w.csv")
    assert record.rows == 2
    assert WaitingListSnapshot.objects.filter(council__gss_code=SUFFOLK).count() == 2
    assert WaitingListSnapshot.objects.first().entered_by == admin_user
    bad = header + (
        f"{SUFFOLK},2024-02-30,10,1,1,1\n"
        f"{NOTTINGHAM},2024-03-31,10,20,1,-1\n"
        f"{NOTTINGHAM},31/03/2024,10,2,1,1\n"
        f"{NOTTINGHAM},2024-03-31,10,2,1,1\n"
    )
    with pytest.raises(CsvImportError) as caught:
        services.waiting_lists_import(actor=admin_user, data=bad, source_file="w.csv")
    assert caught.value.errors == [
        "Line 2: snapshot_date '2024-02-30' is not a date as YYYY-MM-DD.",
        "Line 3: overdue_reviews '-1' is below 0; waiting_over_six_months (20) is more than "
        "awaiting_assessment (10).",
        "Line 4: Nottingham on 31/03/2024 repeats line 3.",
        "Line 5: Nottingham on 31/03/2024 repeats line 3.",
    ]
    assert WaitingListSnapshot.objects.count() == 2


def test_waiting_list_entry_by_hand_is_validated_and_audited(assessor, suffolk):
    entry = services.waiting_list_snapshot_create(
        actor=assessor,
        council=suffolk,
        snapshot_date=datetime.date(2025, 3, 31),
        awaiting_assessment=100,
        waiting_over_six_months=10,
        awaiting_service_start=5,
        overdue_reviews=50,
    )
    assert entry.entered_by == assessor
    event = AuditEvent.objects.get(action="national.waiting_list_create")
    assert event.changes["awaiting_assessment"] == [None, 100]
    kwargs = {
        "actor": assessor,
        "council": suffolk,
        "snapshot_date": datetime.date(2025, 3, 31),
        "awaiting_assessment": 1,
        "waiting_over_six_months": 0,
        "awaiting_service_start": 0,
        "overdue_reviews": 0,
    }
    with pytest.raises(services.NationalDataError, match="already has waiting-list figures"):
        services.waiting_list_snapshot_create(**kwargs)
    with pytest.raises(services.NationalDataError, match="cannot be more"):
        services.waiting_list_snapshot_create(
            **{**kwargs, "snapshot_date": datetime.date(2025, 4, 1), "waiting_over_six_months": 2}
        )
    with pytest.raises(services.NationalDataError, match="today or in the past"):
        services.waiting_list_snapshot_create(
            **{**kwargs, "snapshot_date": datetime.date.today() + datetime.timedelta(days=1)}
        )


def test_import_commands_load_or_report(tmp_path, admin_user, indicators, capsys):
    good = tmp_path / "ind.csv"
    good.write_text(f"gss_code,indicator_code,year,value\n{SUFFOLK},2D,2023,78\n", "utf-8-sig")
    call_command("import_indicators", str(good), "--user", "admin")
    assert "Loaded 1 rows from ind.csv: 1 new, 0 replaced." in capsys.readouterr().out
    assert DataImport.objects.get().imported_by == admin_user

    bad = tmp_path / "spend.csv"
    bad.write_text(
        "gss_code,year,gross_current_expenditure,population_18_plus\nE99999999,2023,1,1\n"
    )
    with pytest.raises(CommandError, match="Nothing was loaded: 1 problem in spend.csv"):
        call_command("import_spend", str(bad))
    assert "Line 2: unknown GSS code 'E99999999'." in capsys.readouterr().err

    waits = tmp_path / "w.csv"
    waits.write_text(
        "gss_code,snapshot_date,awaiting_assessment,waiting_over_six_months,"
        f"awaiting_service_start,overdue_reviews\n{SUFFOLK},2024-03-31,10,1,1,1\n"
    )
    call_command("import_waiting_lists", str(waits))
    assert WaitingListSnapshot.objects.count() == 1
    with pytest.raises(CommandError, match="No file"):
        call_command("import_spend", str(tmp_path / "missing.csv"))
