"""Case list upload, the sample, consent, contact attempts and journey notes."""

import datetime

import pytest

from assessments.models import QualityStatement
from audit.models import AuditEvent
from core.csv_import import CsvImportError
from evidence.models import EvidenceItem
from fieldwork import services
from fieldwork.models import Case, ConsentStatus, SampleDraw
from tests.fieldwork.conftest import HEADER, case_csv

pytestmark = pytest.mark.django_db


def test_council_uploads_case_list(case_list, assessment):
    assert case_list.row_count == 30
    assert Case.objects.filter(assessment=assessment).count() == 30
    case = Case.objects.get(reference="SYN-0005")
    assert (case.age_band, case.is_carer, case.locality, case.line) == ("85+", True, "South", 6)
    assert AuditEvent.objects.filter(action="case_list.upload", assessment=assessment).exists()


def test_upload_is_all_or_nothing_with_line_numbers(assessment, council_lead):
    data = HEADER + (
        "SYN-1,18-64,Personal care,Home care,North,yes\n"
        "SYN-2,1950-03-01,Personal care,Home care,North,no\n"
        "SYN-1,65-74,Memory,Home care,South,maybe\n"
        "943 476 5919,85+,Memory,Home care,South,no\n"
    )
    with pytest.raises(CsvImportError) as caught:
        services.case_list_upload(
            actor=council_lead, assessment=assessment, data=data, name="c.csv"
        )
    assert caught.value.errors == [
        "Line 3: age_band looks like a date of birth: give a band such as 65-74.",
        "Line 4: case SYN-1 repeats line 2; is_carer 'maybe' is not yes or no.",
        "Line 5: case_reference looks like an NHS number: use a reference of your own.",
    ]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("column", "what"),
    [("Full name", "a name"), ("nhs_number", "an NHS number"), ("DOB", "a date of birth"),
     ("date_of_birth", "a date of birth"), ("surname", "a name")],
)  # fmt: skip
def test_identifying_columns_are_refused(assessment, council_lead, column, what):
    data = HEADER.rstrip("\n") + f",{column}\nSYN-1,18-64,Personal care,Home care,North,no,x\n"
    with pytest.raises(CsvImportError) as caught:
        services.case_list_upload(
            actor=council_lead, assessment=assessment, data=data, name="c.csv"
        )
    assert caught.value.errors[0].startswith(f"Line 1: column “{column}” looks like {what}.")
    assert not Case.objects.exists()


def test_team_cannot_upload_and_upload_is_closed_once_sampled(
    draw, assessment, lead_assessor, council_lead
):
    with pytest.raises(services.FieldworkError, match="Only the council"):
        services.case_list_upload(
            actor=lead_assessor, assessment=assessment, data=case_csv(), name="c"
        )
    with pytest.raises(services.FieldworkError, match="drawn its sample"):
        services.case_list_upload(
            actor=council_lead, assessment=assessment, data=case_csv(), name="c"
        )


def test_sample_is_reproducible_from_its_recorded_seed(draw, assessment, lead_assessor):
    assert draw.size == 10 and draw.aim == 6 and draw.seed == 20261201
    first = list(Case.objects.filter(in_sample=True).values_list("reference", flat=True))
    assert sorted(first) == draw.case_references and len(first) == 10
    redrawn = services.sample_draw(
        actor=lead_assessor, assessment=assessment, strata=draw.strata, seed=draw.seed,
        reason="Checking the draw reproduces",
    )  # fmt: skip
    assert redrawn.case_references == draw.case_references
    other = services.sample_draw(
        actor=lead_assessor, assessment=assessment, strata=draw.strata, reason="New seed"
    )
    assert other.seed != draw.seed
    assert SampleDraw.objects.filter(assessment=assessment).count() == 3


def test_redraw_needs_a_reason(draw, assessment, lead_assessor):
    with pytest.raises(services.FieldworkError, match="why the sample is being redrawn"):
        services.sample_draw(actor=lead_assessor, assessment=assessment, strata=[])


def test_council_cannot_draw(case_list, assessment, council_lead):
    with pytest.raises(services.FieldworkError):
        services.sample_draw(actor=council_lead, assessment=assessment, strata=[])


def test_add_and_drop_with_reason(draw, lead_assessor):
    outside = Case.objects.filter(in_sample=False).first()
    with pytest.raises(services.FieldworkError, match="why the case is being added"):
        services.sample_change(actor=lead_assessor, case=outside, kind="add", reason=" ")
    services.sample_change(actor=lead_assessor, case=outside, kind="add", reason="Carer view")
    outside.refresh_from_db()
    assert outside.in_sample
    services.sample_change(actor=lead_assessor, case=outside, kind="drop", reason="Moved away")
    outside.refresh_from_db()
    assert not outside.in_sample
    assert [c.kind for c in outside.sample_changes.all()] == ["add", "drop"]


def test_consent_contact_and_journey_note(draw, assessment, assessor):
    case = Case.objects.filter(in_sample=True).first()
    day = datetime.date(2025, 2, 3)
    with pytest.raises(services.FieldworkError, match="consent"):
        services.journey_note_create(actor=assessor, case=case, text="x", statements=[], on=day)
    services.case_consent_record(actor=assessor, case=case, status="given", on=day)
    case.refresh_from_db()
    assert (case.consent, case.consent_asked_on, case.consent_given_on) == ("given", day, day)
    services.contact_attempt_create(
        actor=assessor, case=case, on=day, method="phone", outcome="spoke", details="Via daughter"
    )
    statements = list(
        QualityStatement.objects.filter(framework=assessment.framework, number__in=[1, 6])
    )
    note = services.journey_note_create(
        actor=assessor,
        case=case,
        text="Waited 9 weeks for an assessment.",
        statements=statements,
        on=day,
    )
    item = note.evidence_item
    assert item.category.code == "peoples-experience"
    assert item.contains_personal_data and item.route == "collected"
    assert item.source_type == "case_tracking"
    assert sorted(s.number for s in item.statements.all()) == [1, 6]
    services.case_consent_record(actor=assessor, case=case, status="withdrawn", on=day)
    case.refresh_from_db()
    assert case.consent == ConsentStatus.WITHDRAWN and case.consent_withdrawn_on == day


def test_withdrawing_consent_never_given_is_refused(draw, assessor):
    case = Case.objects.filter(in_sample=True).first()
    with pytest.raises(services.FieldworkError, match="Only consent that was given"):
        services.case_consent_record(
            actor=assessor, case=case, status="withdrawn", on=datetime.date(2025, 2, 3)
        )


def test_notes_only_for_cases_in_the_sample(draw, assessor):
    case = Case.objects.filter(in_sample=False).first()
    with pytest.raises(services.FieldworkError, match="not in the sample"):
        services.case_consent_record(
            actor=assessor, case=case, status="asked", on=datetime.date(2025, 2, 3)
        )
    assert not EvidenceItem.objects.exists()


def test_a_simple_random_sample_without_strata(case_list, assessment, lead_assessor):
    draw = services.sample_draw(
        actor=lead_assessor, assessment=assessment, strata=[], size=4, aim=3
    )
    assert draw.strata == [] and len(draw.case_references) == 4
