"""The national ratings table: the page, its CSV and spreadsheet downloads (one selector,
`national.selectors.national_table`, feeds all three and the API), and the redirects from
the addresses it had before it moved here."""

import csv
import io

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

import policy
from assessments import scoring
from assessments import selectors as assessment_selectors
from core import datacache
from councils import selectors as council_selectors
from councils.models import CouncilType
from national import ratings_chart, selectors


def _national_table_filters(request, regions: dict[str, str]) -> dict:
    """The table's filters and sort from the query string; unknown values are ignored."""
    types = dict(CouncilType.choices)
    region = request.GET.get("region", "")
    council_type = request.GET.get("type", "")
    rating = request.GET.get("rating", "")
    result_status = request.GET.get("status", "")
    sort = request.GET.get("sort", "council")
    return {
        "region_code": region if region in regions else "",
        "council_type": council_type if council_type in types else "",
        "rating": rating
        if rating in scoring.RATING_LABELS or rating == selectors.NOT_YET_PUBLISHED
        else "",
        "result_status": result_status if result_status in selectors.RESULT_STATUS_LABELS else "",
        "sort": sort if sort in selectors.NATIONAL_SORT_KEYS else "council",
        "descending": request.GET.get("dir") == "desc",
    }


NATIONAL_COLUMNS = [
    ("council", "Council", False),
    ("region", "Region", False),
    ("type", "Type", False),
    ("rating", "Rating", False),
    ("percentage", "Score", True),
    *[(f"score_{n}", f"QS{n}", True) for n in scoring.STATEMENT_NUMBERS],
    ("published", "Published", False),
]


def _headline(table) -> str:
    """'Most councils with a published rating (28 of 45) are rated good', or the most common
    rating; formal ratings only (pilots' ratings are indicative), none on a tie."""
    if not table.total:
        return ""
    rating, count = max(table.counts.items(), key=lambda item: item[1])
    if list(table.counts.values()).count(count) > 1:
        return ""  # a tie: no rating is the most common
    label = scoring.RATING_LABELS[rating].lower()
    if count * 2 > table.total:
        return (
            f"Most councils with a published rating ({count} of {table.total}) are rated {label}."
        )
    return f"The most common rating is {label} ({count} of {table.total} councils)."


def _national_table_body(filters: dict, regions: list[tuple[str, str]]) -> str:
    """The table, its chart and its filters as HTML: the same for every visitor."""
    table = selectors.national_table(**filters)
    # The links are built from the filters in force, not the raw query string, since the
    # fragment is shared by every request with the same filters.
    base_query = QueryDict(mutable=True)
    for name, value in (
        ("region", filters["region_code"]),
        ("type", filters["council_type"]),
        ("rating", filters["rating"]),
        ("status", filters["result_status"]),
        ("sort", filters["sort"]),
        ("dir", "desc" if filters["descending"] else ""),
    ):
        if value:
            base_query[name] = value
    columns = [
        {
            "key": key,
            "label": label,
            "numeric": numeric,
            "sorted": filters["sort"] == key,
            "next_dir": "desc" if filters["sort"] == key and not filters["descending"] else "asc",
        }
        for key, label, numeric in NATIONAL_COLUMNS
    ]
    return render_to_string(
        "national/_ratings_table_body.html",
        {
            "base_query": base_query,
            "table": table,
            "rows": table.rows,
            "rating_counts": table.counts,
            "chart": ratings_chart.rating_distribution(table.counts),
            "headline": _headline(table),
            "filters": filters,
            "columns": columns,
            "regions": regions,
            "council_types": CouncilType.choices,
            "ratings": [
                *[(r, scoring.RATING_LABELS[r]) for r in selectors.RATING_ORDER],
                (selectors.NOT_YET_PUBLISHED, "Not yet published"),
            ],
            "result_statuses": list(selectors.RESULT_STATUS_LABELS.items()),
            "filtered": any(
                filters[name] for name in ("region_code", "council_type", "rating", "result_status")
            ),
            "statements": assessment_selectors.framework_statements(
                framework=assessment_selectors.current_framework()
            ).order_by("number"),
        },
    )


@login_not_required
def national_table(request):
    """Every council with its latest published result (or "not yet published"): sortable,
    filterable, with the distribution of formal ratings.

    The body is the same for every visitor and changes only when results are published, so
    it is cached per filter until then (core.datacache)."""
    regions = council_selectors.region_choices()
    filters = _national_table_filters(request, dict(regions))
    body = datacache.cached(
        f"national-table-page:{sorted(filters.items())}",
        depends_on=(datacache.PUBLISHED_RESULTS,),
        compute=lambda: _national_table_body(filters, regions),
    )
    return render(
        request,
        "national/ratings.html",
        {"body": body, "can_import": policy.can_manage_reference_data(request.user)},
    )


def _filtered_table(request) -> selectors.NationalTable:
    regions = dict(council_selectors.region_choices())
    return selectors.national_table(**_national_table_filters(request, regions))


@login_not_required
@require_GET
def national_table_csv(request):
    """The national table as CSV, with the same filters and order as the page: every council,
    "not yet published" where it has no result (selectors.national_rows says how)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="national-ratings.csv"'
    writer = csv.writer(response)
    writer.writerows(selectors.national_rows(_filtered_table(request), note=False))
    return response


@require_GET
def national_table_xlsx(request):
    """The national table as an Excel spreadsheet (those who may export): the CSV's rows,
    filters and order, with a second sheet saying where the figures come from."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    policy.require(policy.can_export(request.user))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "National ratings"
    for line in selectors.national_rows(_filtered_table(request), note=False):
        sheet.append(line)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet("About")
    about.append([selectors.SOURCE_NOTE])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="national-ratings.xlsx"'
    return response


# ---- the addresses the table and its downloads had before they moved here -----------------


def _moved(name: str):
    """A view that sends the old address on to `name`, keeping the query string (filters)."""

    @login_not_required
    @require_GET
    def view(request):
        query = request.GET.urlencode()
        return redirect(f"{reverse(name)}?{query}" if query else reverse(name), permanent=True)

    view.__doc__ = f"Moved: redirects to {name}."
    return view


old_national_table = _moved("national:ratings")
old_national_table_csv = _moved("national:ratings_csv")
old_national_ratings_xlsx = _moved("national:ratings_xlsx")
