"""The national ratings table, its CSV and spreadsheet, and the addresses it moved from."""

import csv
import datetime
import html
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import AssessmentKind
from councils.models import Council
from national import selectors
from tests.factories import AssessmentFactory, published_assessment

pytestmark = pytest.mark.django_db

HEADER = "gss_code,published_on,rating," + ",".join(f"score_{n}" for n in range(1, 10))

GOOD_64 = [2, 2, 2, 3, 3, 2, 3, 3, 3]
OUTSTANDING_89 = [3, 3, 4, 3, 4, 4, 3, 4, 4]
RI_61 = [2, 2, 2, 2, 2, 3, 3, 3, 3]
INADEQUATE_33 = [1, 1, 1, 2, 2, 2, 1, 1, 1]


@pytest.fixture
def published(db):
    """Four councils with published ratings; Suffolk has an older one too."""
    c = Council.objects.in_bulk(["Suffolk", "Birmingham", "Barnet", "Cornwall"], field_name="name")
    return {
        "suffolk_old": published_assessment(c["Suffolk"], RI_61, datetime.date(2024, 3, 1)),
        "suffolk": published_assessment(c["Suffolk"], GOOD_64, datetime.date(2025, 4, 1)),
        "birmingham": published_assessment(c["Birmingham"], INADEQUATE_33),
        "barnet": published_assessment(c["Barnet"], OUTSTANDING_89),
        "cornwall": published_assessment(c["Cornwall"], GOOD_64, kind=AssessmentKind.PILOT),
    }


COUNCIL_CELL = re.compile(
    r'<td class="govuk-table__cell"><a class="govuk-link" href="/councils/[^"]+">([^<]+)</a>'
)


def names(response):
    """The councils listed, in order, read from the page (it may come from the cache)."""
    return [html.unescape(name) for name in COUNCIL_CELL.findall(response.content.decode())]


def test_table_lists_each_councils_latest_published_rating(client, published):
    AssessmentFactory(council=Council.objects.get(name="Nottingham"))  # open: not listed
    response = client.get(reverse("national:ratings"))
    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == ["Barnet", "Birmingham", "Cornwall", "Suffolk"]
    suffolk = next(r for r in response.context["rows"] if r.council.name == "Suffolk")
    assert suffolk.assessment == published["suffolk"]
    assert suffolk.scores == GOOD_64 and suffolk.display_percentage == 64
    assert response.context["rating_counts"] == {
        "outstanding": 1,
        "good": 2,
        "requires_improvement": 0,
        "inadequate": 1,
    }
    assert "Most councils" not in html  # 2 of 4 is not most
    assert "The most common rating is good (2 of 4 councils)." in html
    assert "<svg" in html and 'role="img"' in html
    assert "Ratings of 4 councils. Outstanding: 1 (25%); Good: 2 (50%)" in html
    assert "(indicative)" in html  # Cornwall's pilot rating


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("percentage", "desc", ["Barnet", "Cornwall", "Suffolk", "Birmingham"]),
        ("percentage", "asc", ["Birmingham", "Cornwall", "Suffolk", "Barnet"]),
        ("rating", "asc", ["Barnet", "Cornwall", "Suffolk", "Birmingham"]),
        ("region", "asc", ["Suffolk", "Barnet", "Cornwall", "Birmingham"]),
        ("type", "asc", ["Suffolk", "Barnet", "Birmingham", "Cornwall"]),
        ("score_3", "desc", ["Barnet", "Cornwall", "Suffolk", "Birmingham"]),
        ("published", "asc", ["Suffolk", "Barnet", "Birmingham", "Cornwall"]),
        ("council", "desc", ["Suffolk", "Cornwall", "Birmingham", "Barnet"]),
        ("nonsense", "asc", ["Barnet", "Birmingham", "Cornwall", "Suffolk"]),
    ],
)
def test_table_sorts_by_every_column(client, published, sort, direction, expected):
    response = client.get(reverse("national:ratings"), {"sort": sort, "dir": direction})
    assert names(response) == expected


def test_every_column_heading_is_a_sort_link(client, published):
    response = client.get(reverse("national:ratings"), {"sort": "percentage"})
    html = response.content.decode()
    assert len(response.context["columns"]) == 15
    for column in response.context["columns"]:
        assert f"sort={column['key']}" in html
    assert 'aria-sort="ascending"' in html


def test_table_filters_by_region_type_and_rating(client, published):
    url = reverse("national:ratings")
    assert names(client.get(url, {"region": "E12000007"})) == ["Barnet"]
    assert names(client.get(url, {"type": "county council"})) == ["Suffolk"]
    response = client.get(url, {"rating": "good"})
    assert names(response) == ["Cornwall", "Suffolk"]
    assert response.context["rating_counts"]["good"] == 2
    assert response.context["rating_counts"]["outstanding"] == 0
    assert names(client.get(url, {"rating": "made-up"})) == names(client.get(url))
    empty = client.get(url, {"region": "E12000001", "rating": "outstanding"})
    assert "No councils match these filters." in empty.content.decode()


def test_csv_download_is_the_same_table(client, published):
    response = client.get(reverse("national:ratings_csv"), {"sort": "percentage", "dir": "desc"})
    assert response["Content-Type"].startswith("text/csv")
    assert "national-ratings.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["council", "gss_code", "region", "council_type", "rating", "percentage"]
    assert [row[0] for row in rows[1:]] == ["Barnet", "Cornwall", "Suffolk", "Birmingham"]
    barnet = rows[1]
    assert barnet[4:15] == ["Outstanding", "89", *[str(s) for s in OUTSTANDING_89]]
    assert barnet[15:] == ["2025-06-02", "no"]
    filtered = client.get(reverse("national:ratings_csv"), {"rating": "inadequate"})
    assert len(list(csv.reader(io.StringIO(filtered.content.decode())))) == 2


def test_spreadsheet_has_the_csvs_rows_and_is_for_those_who_may_export(
    client, published, admin_user, lead_assessor
):
    query = {"sort": "percentage", "dir": "desc"}
    csv_rows = list(
        csv.reader(io.StringIO(client.get(reverse("national:ratings_csv"), query).content.decode()))
    )
    client.force_login(lead_assessor)
    assert client.get(reverse("national:ratings_xlsx"), query).status_code == 403
    client.force_login(admin_user)
    response = client.get(reverse("national:ratings_xlsx"), query)
    assert "national-ratings.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert [row[:6] for row in cells] == [row[:6] for row in csv_rows]
    assert [row[0] for row in cells[1:]] == ["Barnet", "Cornwall", "Suffolk", "Birmingham"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/assessments/national-ratings/", "national:ratings"),
        ("/assessments/national-ratings.csv", "national:ratings_csv"),
        ("/reports/exports/national-ratings.csv", "national:ratings_csv"),
        ("/reports/exports/national-ratings.xlsx", "national:ratings_xlsx"),
    ],
)
def test_old_addresses_redirect_with_their_filters(client, old, new):
    response = client.get(old, {"rating": "good", "sort": "percentage"})
    assert response.status_code == 301
    assert response.url == f"{reverse(new)}?rating=good&sort=percentage"
    assert client.get(old).url == reverse(new)


def test_national_table_query_count_does_not_grow_with_councils(
    client, published, django_assert_num_queries
):
    url = reverse("national:ratings")
    # the latest assessments, their scores, regions, the framework and its statements
    with django_assert_num_queries(5) as few:
        client.get(url)
    for council in Council.objects.exclude(assessments__isnull=False)[:30]:
        published_assessment(council, GOOD_64, datetime.date(2024, 5, 1))
        published_assessment(council, RI_61, datetime.date(2025, 5, 1))
    cache.clear()  # the factory writes rows directly, not through the publishing services
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(names(response)) == 34
    # Until results change, the table is served from the cache: only the regions are read.
    with django_assert_num_queries(1):
        assert names(client.get(url)) == names(response)


def test_cached_table_is_recomputed_once_results_are_published(
    client, published, admin_user, django_capture_on_commit_callbacks
):
    url = reverse("national:ratings")
    assert "Nottingham" not in names(client.get(url))  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.published_results_import(
            actor=admin_user, text=f"{HEADER}\nE06000018,2025-03-14,Good,3,3,3,3,3,3,3,3,3\n"
        )
    assert "Nottingham" in names(client.get(url))


def test_selector_uses_two_queries(published, django_assert_num_queries):
    with django_assert_num_queries(2):
        table = selectors.national_table(sort="rating")
    assert table.total == 4
