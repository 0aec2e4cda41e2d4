"""Assessment pages. Thin: selectors read, services write, the policy decides."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from assessments import charts, forms, list_selectors, scoring, selectors, services
from assessments.list_forms import AssessmentListForm, sort_columns
from assessments.models import QualityStatement
from assessments.review_views import review_panels
from assessments.statement_navigation import adjacent_statements
from core import datacache, policy
from councils import selectors as council_selectors
from councils.models import CouncilType
from evidence import selectors as evidence_selectors
from evidence.forms import as_typed_date


def assessment_list(request):
    """Search, filter and sort the assessments the user may see (assessments.list_selectors)."""
    form = AssessmentListForm(request.GET, offer_mine=policy.is_assessor(request.user))
    filters = form.filters()
    assessments = list_selectors.assessment_list(user=request.user, filters=filters)
    page = Paginator(assessments, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "page_obj": page,
            "form": form,
            "filters": filters,
            "columns": sort_columns(filters.sort),
            "can_create_assessment": policy.can_create_assessment(request.user),
        },
    )


@login_not_required
def assessment_detail(request, pk: int):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    can_view_draft = policy.can_view_draft(request.user, assessment)
    score_summary = (
        selectors.assessment_score_summary(assessment=assessment) if can_view_draft else None
    )
    can_score = policy.can_score(request.user, assessment)
    context = {
        "assessment": assessment,
        "can_view_draft": can_view_draft,
        "result": score_summary.result if score_summary else None,
        "score_summary": score_summary,
        "can_score": can_score,
        "what_if_form": forms.WhatIfForm(
            initial={f"score_{n}": v for n, v in score_summary.scores().items()},
            statements=[row.statement for row in score_summary.rows],
        )
        if can_score
        else None,
        **review_panels(request.user, assessment),
    }
    context.update(_evidence_and_history_context(request.user, assessment))
    return render(request, "assessments/assessment_detail.html", context)


def _evidence_and_history_context(user, assessment) -> dict:
    """The evidence overview and change history panels, for those allowed to see them."""
    context: dict = {
        "can_edit_assessment": policy.can_edit_assessment(user, assessment),
        "can_add_evidence": policy.can_edit_evidence(user, assessment),
        "evidence_overview": None,
        "assessment_history": None,
        "assessment_field_labels": ASSESSMENT_FIELD_LABELS,
    }
    if policy.can_view_evidence(user, assessment):
        context["evidence_overview"] = evidence_selectors.assessment_evidence_overview(
            assessment=assessment, user=user
        )
    if policy.can_view_history(user, assessment):
        context["assessment_history"] = list(evidence_selectors.object_history(assessment))
    return context


# ---- scoring ---------------------------------------------------------------------------


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _score_form(assessment, statement, categories, data=None):
    """The score form of the assessment's rule, bound to `data` or to the current score."""
    current = selectors.statement_score(assessment=assessment, statement=statement)
    initial = {
        "version": current.version if current else 0,
        "rationale": current.rationale if current else "",
    }
    if assessment.scoring_rule == scoring.CATEGORY_SCORES.code:
        for group in categories:
            initial[forms.CategoryScoreForm.field_name(group.category.code)] = group.score
        form = forms.CategoryScoreForm(
            data, initial=initial, categories=[(g.category, g.required) for g in categories]
        )
    else:
        initial["score"] = current.score if current and current.score else None
        form = forms.StatementScoreForm(data, initial=initial)
    return form, current


def _preview(assessment, statement, form) -> dict:
    """What the overall result would be with the typed (unsaved) score for `statement`."""
    summary = selectors.assessment_score_summary(assessment=assessment)
    proposed = form.scores_for_preview()
    if isinstance(proposed, dict):
        proposed = scoring.statement_score_from_categories(proposed)
    what_if = {**summary.scores(), statement.number: proposed}
    return {
        "current": summary.result,
        "preview": scoring.overall_result(what_if, rule_version=assessment.scoring_rule),
        "proposed_score": proposed,
        "assessment": assessment,
        "statement": statement,
    }


def _statement_page(request, pk: int, number: int):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    policy.require(policy.can_view_draft(request.user, assessment))
    try:
        statement = selectors.statement_for_assessment(assessment=assessment, number=number)
    except QualityStatement.DoesNotExist as exc:
        raise Http404 from exc
    return assessment, statement


@login_not_required
def statement_score(request, pk: int, number: int):
    """One statement's evidence, grouped by category, beside its score form."""
    return _statement_score(request, pk, number, preview_only=False)


def _statement_score(request, pk: int, number: int, *, preview_only: bool):
    assessment, statement = _statement_page(request, pk, number)
    can_score = policy.can_score(request.user, assessment)
    categories = selectors.statement_evidence_by_category(
        user=request.user, assessment=assessment, statement=statement
    )
    data = None
    if request.method == "POST":
        policy.require(can_score, message="Scores cannot be changed at this stage.")
        data = request.POST
    form, current = _score_form(assessment, statement, categories, data)
    preview = None
    if data is not None and (preview_only or "preview" in data):
        preview = _preview(assessment, statement, form)
    elif data is not None and form.is_valid():
        try:
            if isinstance(form, forms.CategoryScoreForm):
                services.category_score_set(
                    actor=request.user,
                    assessment=assessment,
                    statement=statement,
                    category_scores=form.category_scores(),
                    rationale=form.cleaned_data["rationale"],
                    expected_version=form.cleaned_data["version"],
                )
            else:
                services.statement_score_set(
                    actor=request.user,
                    assessment=assessment,
                    statement=statement,
                    score=form.cleaned_data["score"],
                    rationale=form.cleaned_data["rationale"],
                    expected_version=form.cleaned_data["version"],
                )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _score_saved_message(assessment, statement))
            # No #scores fragment: the success banner at the top takes focus (a fragment
            # made the browser drop that focus and scrolled the banner out of sight).
            return redirect(assessment)
    return render(
        request,
        "assessments/statement_score.html",
        {
            "assessment": assessment,
            "statement": statement,
            "categories": categories,
            "current": current,
            "form": form,
            "can_score": can_score,
            "can_view_evidence": policy.can_view_evidence(request.user, assessment),
            "preview": preview,
            "is_category_rule": isinstance(form, forms.CategoryScoreForm),
            "adjacent": adjacent_statements(assessment=assessment, statement=statement),
        },
    )


def _score_saved_message(assessment, statement) -> str:
    """The banner after saving a score, with a link on to the next statement (if any)."""
    _, following = adjacent_statements(assessment=assessment, statement=statement)
    if following is None:
        return f"Score saved for {statement}."
    url = reverse("assessments:statement_score", args=[assessment.pk, following.number])
    # Safe HTML survives the message storage (Django keeps the SafeData flag).
    return format_html(
        'Score saved for {}. <a class="govuk-notification-banner__link" href="{}">'
        "Next statement: {}</a>",
        statement,
        url,
        following,
    )


@require_POST
def statement_score_preview(request, pk: int, number: int):
    """htmx: the overall result the typed score would give; never saves."""
    assessment, statement = _statement_page(request, pk, number)
    policy.require(policy.can_score(request.user, assessment))
    if not _is_htmx(request):  # the whole page, with the preview; never saves
        return _statement_score(request, pk, number, preview_only=True)
    categories = selectors.statement_evidence_by_category(
        user=request.user, assessment=assessment, statement=statement
    )
    form, _ = _score_form(assessment, statement, categories, request.POST)
    return render(
        request, "assessments/_what_if_result.html", _preview(assessment, statement, form)
    )


@require_POST
def scores_preview(request, pk: int):
    """The what-if panel: the overall result of nine typed scores. A fragment for htmx, a
    page without JavaScript. Never saves."""
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    policy.require(policy.can_score(request.user, assessment))
    summary = selectors.assessment_score_summary(assessment=assessment)
    form = forms.WhatIfForm(request.POST, statements=[row.statement for row in summary.rows])
    context = {"assessment": assessment, "summary": summary, "what_if_form": form}
    if form.is_valid():
        context.update(
            current=summary.result,
            preview=scoring.overall_result(form.scores(), rule_version=assessment.scoring_rule),
        )
    if _is_htmx(request):
        return render(request, "assessments/_what_if_result.html", context)
    return render(request, "assessments/scores_preview.html", context)


# ---- the national ratings table ------------------------------------------------------------


def _national_table_filters(request, regions: dict[str, str]) -> dict:
    """The table's filters and sort from the query string; unknown values are ignored."""
    types = dict(CouncilType.choices)
    region = request.GET.get("region", "")
    council_type = request.GET.get("type", "")
    rating = request.GET.get("rating", "")
    sort = request.GET.get("sort", "council")
    return {
        "region_code": region if region in regions else "",
        "council_type": council_type if council_type in types else "",
        "rating": rating if rating in scoring.RATING_LABELS else "",
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
    """'Most councils (96 of 120) are rated good', or the most common rating."""
    if not table.total:
        return ""
    rating, count = max(table.counts.items(), key=lambda item: item[1])
    label = scoring.RATING_LABELS[rating].lower()
    if count * 2 > table.total:
        return f"Most councils ({count} of {table.total}) are rated {label}."
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
        "assessments/_national_table_body.html",
        {
            "base_query": base_query,
            "table": table,
            "rows": table.rows,
            "rating_counts": table.counts,
            "chart": charts.rating_distribution(table.counts),
            "headline": _headline(table),
            "filters": filters,
            "columns": columns,
            "regions": regions,
            "council_types": CouncilType.choices,
            "ratings": [(r, scoring.RATING_LABELS[r]) for r in selectors.RATING_ORDER],
            "statements": selectors.framework_statements(
                framework=selectors.current_framework()
            ).order_by("number"),
        },
    )


@login_not_required
def national_table(request):
    """Every council's latest published rating: sortable, filterable, with the distribution.

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
        "assessments/national_table.html",
        {"body": body, "can_import": policy.can_manage_reference_data(request.user)},
    )


@login_not_required
def national_table_csv(request):
    """The national table as CSV, with the same filters and order as the page."""
    regions = dict(council_selectors.region_choices())
    table = selectors.national_table(**_national_table_filters(request, regions))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="national-ratings.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "council",
            "gss_code",
            "region",
            "council_type",
            "rating",
            "percentage",
            *[f"score_{n}" for n in scoring.STATEMENT_NUMBERS],
            "published_on",
            "indicative",
        ]
    )
    for row in table.rows:
        writer.writerow(
            [
                row.council.name,
                row.council.gss_code,
                row.council.region_name,
                row.council.get_council_type_display(),
                scoring.RATING_LABELS.get(row.rating, row.rating),
                row.display_percentage,
                *["" if score is None else score for score in row.scores],
                row.assessment.published_on.isoformat(),
                "yes" if row.assessment.is_pilot else "no",
            ]
        )
    return response


# ---- import of published results ---------------------------------------------------------


def results_import(request):
    """Admins upload a CSV of published results; all rows load or none do."""
    policy.require(policy.can_manage_reference_data(request.user))
    form = forms.ResultsImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.published_results_import(
                actor=request.user, text=form.text, source=form.cleaned_data["file"].name
            )
        except services.ResultsImportError as exc:
            row_errors = exc.errors
            form.add_error("file", f"{exc} Correct the rows listed below and upload it again")
        else:
            messages.success(request, f"Loaded {len(created)} published results.")
            return redirect("assessments:national_table")
    return render(
        request, "assessments/results_import.html", {"form": form, "row_errors": row_errors}
    )


# ---- creating and editing assessments (dates and team) ---------------------------------

ASSESSMENT_FIELD_LABELS = {
    "kind": "Kind",
    "status": "Status",
    "scoring_rule": "Scoring rule",
    "notified_on": "Notified",
    "site_visit_on": "Site visit",
    "fa_sent_on": "Factual accuracy sent",
    "fa_due_on": "Factual accuracy due",
    "published_on": "Published",
    "lead_assessor": "Lead assessor",
    "assessors": "Assessors",
    "withdrawn_reason": "Reason for withdrawal",
}


def assessment_create(request):
    policy.require(
        policy.can_create_assessment(request.user), message="Only admins open assessments."
    )
    form = forms.AssessmentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_create(
                actor=request.user,
                council=data["council"],
                kind=data["kind"],
                lead_assessor=data["lead_assessor"],
                assessors=data["assessors"],
                notified_on=data["notified_on"],
                site_visit_on=data["site_visit_on"],
            )
        except services.AssessmentError as exc:
            form.add_error("council", str(exc))
        else:
            messages.success(request, f"Assessment of {assessment.council.name} opened.")
            return redirect(assessment)
    return render(
        request,
        "assessments/assessment_form.html",
        {"form": form, "assessment": None},
        status=400 if form.errors else 200,
    )


def assessment_edit(request, pk: int):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    policy.require(
        policy.can_edit_assessment(request.user, assessment),
        message="Only an admin or the lead assessor can change dates and team.",
    )
    if request.method == "POST":
        form = forms.AssessmentEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = services.assessment_update(
                    actor=request.user,
                    assessment=assessment,
                    version=data["version"],
                    notified_on=data["notified_on"],
                    site_visit_on=data["site_visit_on"],
                    lead_assessor=data["lead_assessor"],
                    assessors=data["assessors"],
                )
            except services.StaleAssessmentError as exc:
                current = selectors.assessment_queryset().get(pk=exc.current.pk)
                return render(
                    request,
                    "assessments/assessment_conflict.html",
                    {"assessment": current, "rows": _assessment_conflict_rows(data, current)},
                    status=409,
                )
            except services.AssessmentError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Assessment dates and team saved.")
                return redirect(assessment)
    else:
        form = forms.AssessmentEditForm(
            initial={
                "notified_on": as_typed_date(assessment.notified_on),
                "site_visit_on": as_typed_date(assessment.site_visit_on),
                "lead_assessor": assessment.lead_assessor,
                "assessors": list(assessment.assessors.all()),
                "version": assessment.version,
            }
        )
    return render(
        request,
        "assessments/assessment_form.html",
        {"form": form, "assessment": assessment},
        status=400 if form.errors else 200,
    )


def _assessment_conflict_rows(data: dict, current) -> list[dict]:
    def show(value) -> str:
        if value is None:
            return "None"
        if hasattr(value, "strftime"):
            return value.strftime("%-d %B %Y")
        if hasattr(value, "__iter__") and not isinstance(value, str):
            return ", ".join(str(v) for v in value) or "None"
        return str(value)

    now = {
        "notified_on": current.notified_on,
        "site_visit_on": current.site_visit_on,
        "lead_assessor": current.lead_assessor,
        "assessors": list(current.assessors.all()),
    }
    rows = []
    for name, value in now.items():
        yours, saved = show(data.get(name)), show(value)
        rows.append(
            {
                "label": ASSESSMENT_FIELD_LABELS[name],
                "yours": yours,
                "now": saved,
                "differs": yours != saved,
            }
        )
    return rows
