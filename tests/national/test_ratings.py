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
from assessments.models import Assessment, AssessmentKind
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


def rated(response):
    """The councils listed with a published result (formal or pilot), in order."""
    body = response.content.decode().split('<tbody class="govuk-table__body">')[-1]
    rows = body.split('<tr class="govuk-table__row">')[1:]
    return [
        html.unescape(COUNCIL_CELL.search(row).group(1))
        for row in rows
        if COUNCIL_CELL.search(row) and "Not yet published" not in row
    ]


def test_table_lists_each_councils_latest_published_rating(client, published):
    AssessmentFactory(council=Council.objects.get(name="Nottingham"))  # open: not listed
    response = client.get(reverse("national:ratings"))
    html = response.content.decode()
    assert response.status_code == 200
    assert len(names(response)) == Council.objects.count()  # every council is listed
    assert rated(response) == ["Barnet", "Birmingham", "Cornwall", "Suffolk"]
    suffolk = next(r for r in response.context["rows"] if r.council.name == "Suffolk")
    assert suffolk.assessment == published["suffolk"]
    assert suffolk.scores == GOOD_64 and suffolk.display_percentage == 64
    nottingham = next(r for r in response.context["rows"] if r.council.name == "Nottingham")
    assert nottingham.assessment is None and nottingham.result_status == "not_published"
    # Formal ratings only in the counts and chart; Cornwall's pilot is indicative.
    assert response.context["rating_counts"] == {
        "outstanding": 1,
        "good": 1,
        "requires_improvement": 0,
        "inadequate": 1,
    }
    table = response.context["table"]
    assert (table.total, table.indicative, table.not_published) == (3, 1, 149)
    assert "Most councils" not in html and "most common" not in html  # a three-way tie
    assert "<svg" in html and 'role="img"' in html
    assert "Ratings of 3 councils. Outstanding: 1 (33%); Good: 1 (33%)" in html
    assert "(indicative)" in html  # Cornwall's pilot rating
    assert html.count("Not yet published") >= 149


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
    assert rated(response) == expected


def test_every_column_heading_is_a_sort_link(client, published):
    response = client.get(reverse("national:ratings"), {"sort": "percentage"})
    html = response.content.decode()
    assert len(response.context["columns"]) == 15
    for column in response.context["columns"]:
        assert f"sort={column['key']}" in html
    assert 'aria-sort="ascending"' in html


def test_table_filters_by_region_type_and_rating(client, published):
    url = reverse("national:ratings")
    assert rated(client.get(url, {"region": "E12000007"})) == ["Barnet"]
    assert len(names(client.get(url, {"region": "E12000007"}))) == 33  # every London council
    assert rated(client.get(url, {"type": "county council"})) == ["Suffolk"]
    response = client.get(url, {"rating": "good"})
    assert names(response) == ["Cornwall", "Suffolk"]
    assert response.context["rating_counts"]["good"] == 1  # Cornwall's is indicative
    assert response.context["table"].indicative == 1
    assert response.context["rating_counts"]["outstanding"] == 0
    not_yet = client.get(url, {"rating": "not_published"})
    assert len(names(not_yet)) == Council.objects.count() - 4 and not rated(not_yet)
    assert names(client.get(url, {"status": "indicative"})) == ["Cornwall"]
    assert names(client.get(url, {"status": "published"})) == ["Barnet", "Birmingham", "Suffolk"]
    assert names(client.get(url, {"rating": "made-up"})) == names(client.get(url))
    empty = client.get(url, {"region": "E12000001", "rating": "outstanding"})
    assert "No councils match these filters." in empty.content.decode()


def test_csv_download_is_the_same_table(client, published):
    response = client.get(reverse("national:ratings_csv"), {"sort": "percentage", "dir": "desc"})
    assert response["Content-Type"].startswith("text/csv")
    assert "national-ratings.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:7] == [
        "council",
        "gss_code",
        "region",
        "council_type",
        "result",
        "rating",
        "percentage",
    ]
    assert len(rows) == 1 + Council.objects.count()
    assert [row[0] for row in rows[1:5]] == ["Barnet", "Cornwall", "Suffolk", "Birmingham"]
    barnet = rows[1]
    assert barnet[4:16] == ["Published", "Outstanding", "89", *[str(s) for s in OUTSTANDING_89]]
    assert barnet[16:] == ["", "2025-06-02", "no", "no"]
    assert rows[5][4:7] == ["Not yet published", "", ""]
    filtered = client.get(reverse("national:ratings_csv"), {"rating": "inadequate"})
    assert len(list(csv.reader(io.StringIO(filtered.content.decode())))) == 2


def test_published_demo_work_is_left_out_of_the_national_picture(client, published):
    """A demo assessment, even published, is never a national result: Barnet (its only
    result made demo) is "not yet published" in the table, the CSV and the counts, and a
    demo assessment published after Suffolk's real result does not hide that result."""
    from assessments.selectors import national_rating_counts

    counts_before = national_rating_counts()
    Assessment.objects.filter(pk=published["barnet"].pk).update(is_demo=True)
    later_demo = published_assessment(
        Council.objects.get(name="Suffolk"), INADEQUATE_33, datetime.date(2025, 9, 1)
    )
    Assessment.objects.filter(pk=later_demo.pk).update(is_demo=True)
    cache.clear()  # written directly, not through the publishing services
    response = client.get(reverse("national:ratings"))
    page = response.content.decode()
    assert rated(response) == ["Birmingham", "Cornwall", "Suffolk"]
    assert "Demo data" not in page
    suffolk = next(r for r in response.context["rows"] if r.council.name == "Suffolk")
    assert suffolk.assessment.pk == published["suffolk"].pk
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("national:ratings_csv")).content.decode()))
    )
    assert rows[0][-1] == "demo_data"
    barnet = next(row for row in rows if row[0] == "Barnet")
    assert barnet[4:7] == ["Not yet published", "", ""]
    assert {row[-1] for row in rows[1:] if len(row) > 1} <= {"no", ""}
    assert national_rating_counts() == {**counts_before, "outstanding": 0}


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
    assert cells == csv_rows  # the same cells, written as the CSV writes them
    assert len(cells) == len(csv_rows) == 1 + Council.objects.count()
    assert [row[0] for row in cells[1:5]] == ["Barnet", "Cornwall", "Suffolk", "Birmingham"]
    about = load_workbook(io.BytesIO(response.content))["About"]
    assert about["A1"].value == selectors.SOURCE_NOTE


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
    # councils, their latest assessments, scores, regions, the framework and its statements
    with django_assert_num_queries(6) as few:
        client.get(url)
    for council in Council.objects.exclude(assessments__isnull=False)[:30]:
        published_assessment(council, GOOD_64, datetime.date(2024, 5, 1))
        published_assessment(council, RI_61, datetime.date(2025, 5, 1))
    cache.clear()  # the factory writes rows directly, not through the publishing services
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(rated(response)) == 34
    # Until results change, the table is served from the cache: only the regions are read.
    with django_assert_num_queries(1):
        assert rated(client.get(url)) == rated(response)


def test_cached_table_is_recomputed_once_results_are_published(
    client, published, admin_user, django_capture_on_commit_callbacks
):
    url = reverse("national:ratings")
    assert "Nottingham" not in rated(client.get(url))  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.published_results_import(
            actor=admin_user, text=f"{HEADER}\nE06000018,2025-03-14,Good,3,3,3,3,3,3,3,3,3\n"
        )
    assert "Nottingham" in rated(client.get(url))


def test_selector_uses_three_queries(published, django_assert_num_queries):
    with django_assert_num_queries(3):
        table = selectors.national_table(sort="rating")
    assert (table.total, table.indicative, table.listed) == (3, 1, Council.objects.count())


def test_api_lists_every_council_with_its_result_status_and_month(api, admin_user):
    """The API shows CQC's month of publication as YYYY-MM, pilots as indicative without
    per-statement scores, and councils with no result as not_published."""
    from assessments.reference_results import reference_results_load

    reference_results_load(actor=admin_user)
    east = api.get("/api/v1/national-ratings/", {"region_code": "E12000006"}).json()
    assert east["count"] == Council.objects.filter(region_code="E12000006").count()
    essex = next(row for row in east["results"] if row["council"]["gss_code"] == "E10000012")
    assert (essex["result_status"], essex["rating"]) == ("published", "good")
    assert (essex["published"], essex["published_on"]) == ("2025-06", "2025-06-01")
    assert essex["indicative"] is False
    pilots = api.get("/api/v1/national-ratings/", {"result_status": "indicative"}).json()
    birmingham = next(r for r in pilots["results"] if r["council"]["name"] == "Birmingham")
    assert birmingham["published"] == "2023-11" and birmingham["indicative"] is True
    assert birmingham["scores"] == [None] * 9  # CQC published counts only, not which
    nothing = api.get("/api/v1/national-ratings/", {"rating": "not_published"}).json()
    row = nothing["results"][0]
    assert row["result_status"] == "not_published"
    assert (row["assessment"], row["rating"], row["published"], row["indicative"]) == (
        None,
        "",
        None,
        None,
    )
    summary = api.get("/api/v1/national-ratings/summary/").json()
    table = selectors.national_table()
    assert (summary["total"], summary["indicative"], summary["not_published"]) == (
        table.total,
        table.indicative,
        table.not_published,
    )
    assert api.get("/api/v1/national-ratings/", {"result_status": "maybe"}).status_code == 400
