"""The real published results bundled in assessments/data/: loaded through the import in every
deployment, shown with the month of publication, and no result invented for any council.

Expected figures are computed from the files themselves, never typed in."""

import csv
import io
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from assessments import scoring
from assessments.dates import parse_published
from assessments.models import Assessment, AssessmentKind, AssessmentStatus
from assessments.reference_results import FORMAL_FILE, PILOT_FILE, reference_results_load
from assessments.results_import import parse_results_csv
from councils.models import Council
from national import selectors

pytestmark = pytest.mark.django_db


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


FORMAL = _rows(FORMAL_FILE)
PILOTS = _rows(PILOT_FILE)


def _scores(row) -> list[int]:
    return [int(row[f"score_{n}"]) for n in scoring.STATEMENT_NUMBERS]


def _pilot_scores(row) -> list[int]:
    return [score for score in (4, 3, 2, 1) for _ in range(int(row[f"count_{score}"]))]


# ---- the scoring rule reproduces every published result -------------------------------------


@pytest.mark.parametrize("row", FORMAL, ids=[row["council"] for row in FORMAL])
def test_scoring_reproduces_every_published_result(row):
    result = scoring.overall_result(dict(enumerate(_scores(row), start=1)))
    assert result.rating == row["rating"]


@pytest.mark.parametrize("row", PILOTS, ids=[row["council"] for row in PILOTS])
def test_scoring_reproduces_every_pilot_rating_from_its_counts(row):
    result = scoring.overall_result(dict(enumerate(_pilot_scores(row), start=1)))
    assert result.rating == row["rating"]


def test_the_bundled_files_are_the_shared_reference_data():
    """The copies in the project are the files the README describes, unchanged."""
    assert FORMAL_FILE.with_name("README.md").exists()
    assert len(FORMAL) == 45 and len(PILOTS) == 5
    assert Counter(row["rating"] for row in FORMAL) == {
        "good": 28,
        "requires_improvement": 16,
        "outstanding": 1,
    }  # the distribution the README states


# ---- loading --------------------------------------------------------------------------------


def test_load_reference_results_loads_every_row_once(admin_user):
    first = reference_results_load(actor=admin_user)
    assert [(r.rows, r.loaded, r.already) for r in first] == [
        (len(FORMAL), len(FORMAL), 0),
        (len(PILOTS), len(PILOTS), 0),
    ]
    again = reference_results_load(actor=admin_user)
    assert [(r.loaded, r.already) for r in again] == [(0, len(FORMAL)), (0, len(PILOTS))]
    published = Assessment.objects.filter(status=AssessmentStatus.PUBLISHED)
    assert published.count() == len(FORMAL) + len(PILOTS)
    loaded = {
        (a.council.gss_code, a.published_iso, a.published_rating)
        for a in published.select_related("council")
    }
    expected = {(r["gss_code"], r["published"], r["rating"]) for r in FORMAL + PILOTS}
    assert loaded == expected
    essex = published.get(council__gss_code="E10000012")
    assert essex.published_precision == "month"
    assert essex.published_label == "June 2025" and essex.published_iso == "2025-06"
    assert [s.score for s in essex.scores.order_by("statement__number")] == _scores(
        next(r for r in FORMAL if r["gss_code"] == "E10000012")
    )


def test_pilots_are_indicative_with_counts_and_no_invented_placement(admin_user):
    reference_results_load(actor=admin_user)
    pilots = Assessment.objects.filter(kind=AssessmentKind.PILOT)
    assert pilots.count() == len(PILOTS)
    for row in PILOTS:
        pilot = pilots.get(council__gss_code=row["gss_code"])
        assert pilot.published_rating == row["rating"]
        assert pilot.imported and not pilot.scores.exists()
        assert pilot.score_counts == {str(s): int(row[f"count_{s}"]) for s in (4, 3, 2, 1)}
    birmingham = pilots.get(council__name="Birmingham")
    assert birmingham.published_rating == scoring.GOOD  # CQC rated it good (indicative)


def test_load_command_and_seed_demo_counts_come_from_the_files(client):
    out = io.StringIO()
    call_command("load_reference_results", stdout=out)
    assert f"cqc_published_results.csv: {len(FORMAL)} rows, {len(FORMAL)} loaded" in out.getvalue()
    call_command("seed_demo", stdout=io.StringIO())  # loads nothing twice
    formal_codes = {r["gss_code"] for r in FORMAL}
    pilot_codes = {r["gss_code"] for r in PILOTS} - formal_codes
    table = selectors.national_table()
    assert table.listed == Council.objects.count() == 153
    assert table.total == len(formal_codes)
    assert table.indicative == len(pilot_codes)
    assert table.not_published == 153 - len(formal_codes | pilot_codes)
    assert table.counts == {
        rating: Counter(r["rating"] for r in FORMAL)[rating] for rating in selectors.RATING_ORDER
    }
    response = client.get(reverse("national:ratings"))
    page = response.content.decode()
    assert f"<strong>{table.total}</strong> with a published rating" in page
    assert f"<strong>{table.indicative}</strong> with an indicative rating" in page
    assert f"<strong>{table.not_published}</strong> not yet published" in page
    assert "June 2025" in page and "2025-06-01" not in page


def test_pages_show_the_month_only(client, admin_user):
    reference_results_load(actor=admin_user)
    essex = Assessment.objects.get(council__gss_code="E10000012")
    council_page = client.get(essex.council.get_absolute_url()).content.decode()
    assert "Published June 2025" in council_page and "1 June 2025" not in council_page
    csv_rows = list(
        csv.reader(io.StringIO(client.get(reverse("national:ratings_csv")).content.decode()))
    )
    essex_row = next(row for row in csv_rows if row and row[1] == "E10000012")
    assert "2025-06" in essex_row and "2025-06-01" not in essex_row
    birmingham = Assessment.objects.get(council__name="Birmingham")
    detail = client.get(birmingham.get_absolute_url()).content.decode()
    assert "not which statement had which" in detail and "6 scored 3" in detail


def test_council_column_that_disagrees_with_the_code_is_an_error_on_that_line():
    text = (
        "gss_code,council,published,rating," + ",".join(f"score_{n}" for n in range(1, 10)) + "\n"
        "E10000012,Kent,2025-06,good,2,3,3,3,3,3,3,3,3\n"
    )
    parsed = parse_results_csv(text)
    assert parsed.errors == ["Line 2: council 'Kent' is not E10000012, which is Essex."]


def test_pilot_counts_must_make_nine_and_be_indicative():
    text = (
        "gss_code,council,published,rating,indicative,count_4,count_3,count_2,count_1\n"
        "E08000025,Birmingham,2023-11,good,no,0,6,2,0\n"
    )
    (error,) = parse_results_csv(text).errors
    assert "indicative must be yes" in error and "add up to 8, not 9" in error


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2025-06", ("2025-06-01", "month")), ("2025-06-17", ("2025-06-17", "day"))],
)
def test_published_accepts_month_or_day(raw, expected):
    on, precision = parse_published(raw)
    assert (on.isoformat(), precision) == expected


@pytest.mark.parametrize("raw", ["2025-13", "2025-6", "June 2025", "2025-02-30", ""])
def test_published_refuses_anything_else(raw):
    with pytest.raises(ValueError):
        parse_published(raw)


# ---- later results reach every view through the import ---------------------------------------

# A TEST FIXTURE of SYNTHETIC later results (July 2025 on), never loaded in the demo: for
# councils that have no row in the real file, with made-up scores. Not CQC's results.
SYNTHETIC_HEADER = "gss_code,council,published,rating," + ",".join(
    f"score_{n}" for n in range(1, 10)
)


def _synthetic_later_results(count: int) -> tuple[str, list[Council]]:
    real = {r["gss_code"] for r in FORMAL + PILOTS}
    councils = list(Council.objects.exclude(gss_code__in=real).order_by("gss_code")[:count])
    lines = [SYNTHETIC_HEADER]
    for index, council in enumerate(councils):
        published = "2025-07" if index % 2 == 0 else "2025-09-15"
        lines.append(f"{council.gss_code},{council.name},{published},good,3,3,3,3,3,3,3,3,2")
    return "\n".join(lines) + "\n", councils


def test_later_results_load_through_the_command_and_appear_everywhere(tmp_path, client, admin_user):
    reference_results_load(actor=admin_user)
    before = selectors.national_table()
    text, councils = _synthetic_later_results(2)
    path = tmp_path / "later_results_synthetic.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_results", str(path), "--user", admin_user.username, stdout=out)
    assert out.getvalue().strip() == "Loaded 2 published results."
    after = selectors.national_table()
    assert after.total == before.total + 2
    assert after.not_published == before.not_published - 2
    assert after.counts["good"] == before.counts["good"] + 2
    first = Assessment.objects.get(council=councils[0], imported=True)
    second = Assessment.objects.get(council=councils[1], imported=True)
    assert (first.published_label, second.published_label) == ("July 2025", "15 September 2025")
    page = client.get(reverse("national:ratings")).content.decode()
    assert "July 2025" in page and "15 September 2025" in page
    assert f"<strong>{after.total}</strong> with a published rating" in page
    assert f"Good: {after.counts['good']} " in page  # the chart's text alternative
    csv_text = client.get(reverse("national:ratings_csv")).content.decode()
    assert f"{councils[0].gss_code}," in csv_text and ",2025-07,no" in csv_text
    client.force_login(admin_user)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("national:ratings_xlsx")).content), read_only=True
    )
    sheet = list(workbook["National ratings"].iter_rows(values_only=True))
    by_code = {row[1]: row for row in sheet[1:]}
    assert by_code[councils[0].gss_code][5] == "Good"
    assert by_code[councils[1].gss_code][-3] == "2025-09-15"
    assert len(sheet) == 1 + 153
    # Loading the same file again is refused line by line; nothing loads twice.
    with pytest.raises(CommandError):
        call_command("import_results", str(path), stderr=io.StringIO())
    assert selectors.national_table().total == after.total


def test_later_results_load_through_the_admin_page(client, admin_user):
    reference_results_load(actor=admin_user)
    text, councils = _synthetic_later_results(1)
    client.force_login(admin_user)
    response = client.post(
        reverse("assessments:results_import"),
        {"file": SimpleUploadedFile("later_synthetic.csv", text.encode(), "text/csv")},
    )
    assert response.status_code == 302
    row = next(r for r in selectors.national_table().rows if r.council == councils[0])
    assert row.result_status == "published" and row.assessment.published_label == "July 2025"
