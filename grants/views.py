"""Pages of spending plans by grant condition: the national shares, one council's split beside
them, the portal form and the admins' CSV upload. Thin: selectors read, services write, the
policy decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

import policy
from councils import selectors as council_selectors
from grants import charts, imports, selectors, services
from grants.forms import SpendingPlanForm
from grants.shares import percent
from national.models import financial_year_label
from national.upload_views import csv_upload_page


def _grant(code: str):
    grant = selectors.grant_get(code=code)
    if grant is None:
        raise Http404("No such grant.")
    return grant


def _year(request, years: list[int]) -> int | None:
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[0] if years else None


def _filters(request) -> dict:
    regions = council_selectors.region_choices()
    types = council_selectors.council_type_choices()
    region = request.GET.get("region", "")
    council_type = request.GET.get("type", "")
    return {
        "region": region if region in dict(regions) else "",
        "council_type": council_type if council_type in dict(types) else "",
        "regions": regions,
        "council_types": types,
    }


def _legend(grant) -> dict[int, str]:
    return {c.number: c.short_name for c in grant.conditions.all()}


@login_not_required
def grant_list(request):
    """The grants whose spending plans are recorded, with the method and sources."""
    return render(request, "grants/grant_list.html", {"grants": selectors.grant_list()})


@login_not_required
def national_shares(request, code: str):
    """Each condition's share of councils' planned spend: mean, median, spread, by region and
    council type, with a chart and every council's split."""
    grant = _grant(code)
    years = selectors.plan_years(grant=grant)
    year = _year(request, years)
    filters = _filters(request)
    national = selectors.national_shares(
        grant=grant, year=year, region_code=filters["region"], council_type=filters["council_type"]
    )
    mean_split = {n: s.mean for n, s in national.national.items() if s}
    chart = charts.split_chart(
        chart_id="grant-shares",
        title=f"{grant.name}: mean share of planned spend by condition",
        bars=[("Mean of councils", mean_split)] if mean_split else [],
        legend=_legend(grant),
    )
    return render(
        request,
        "grants/national_shares.html",
        {
            **filters,
            "grant": grant,
            "national": national,
            "chart": chart,
            "year": year,
            "year_label": financial_year_label(year) if year else "",
            "year_choices": [(y, financial_year_label(y)) for y in years],
            "can_upload": policy.can_load_picture_data(request.user),
        },
    )


@login_not_required
def council_plan(request, code: str, gss_code: str, year: int):
    """One council's split for a grant and year beside the national mean."""
    grant = _grant(code)
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    plan = selectors.plan_for(council=council, grant=grant, year=year)
    split = selectors.council_split(plan=plan) if plan else None
    national = selectors.national_shares(grant=grant, year=year)
    mean_split = {n: s.mean for n, s in national.national.items() if s}
    bars = []
    if split:
        bars.append((council.name, split.shares))
    if mean_split:
        bars.append(("Mean of councils", mean_split))
    rows = [
        {
            "condition": condition,
            "line": next((ln for ln in plan.lines.all() if ln.condition_id == condition.pk), None)
            if plan
            else None,
            "share": percent(split.shares.get(condition.number)) if split else "",
            "mean": percent(mean_split.get(condition.number)),
        }
        for condition in grant.conditions.all()
    ]
    return render(
        request,
        "grants/council_plan.html",
        {
            "grant": grant,
            "council": council,
            "plan": plan,
            "rows": rows,
            "national": national,
            "year": year,
            "year_label": financial_year_label(year),
            "chart": charts.split_chart(
                chart_id="council-split",
                title=f"{council.name} beside the mean of councils, {financial_year_label(year)}",
                bars=bars,
                legend=_legend(grant),
            ),
            "can_enter": policy.can_enter_for_council(request.user, council.pk),
        },
    )


def plan_edit(request, code: str, gss_code: str, year: int):
    """A council's own users (and admins) enter its plan for a grant and year."""
    grant = _grant(code)
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    policy.require(
        policy.can_enter_for_council(request.user, council.pk),
        message="Only the council's own users can enter its spending plan.",
    )
    if not 2000 <= year <= 2100:
        raise Http404("No such year.")
    plan = selectors.plan_for(council=council, grant=grant, year=year)
    conditions = list(grant.conditions.all())
    if request.method == "POST":
        form = SpendingPlanForm(request.POST, conditions=conditions)
        if form.is_valid():
            try:
                services.spending_plan_save(
                    actor=request.user,
                    council=council,
                    grant=grant,
                    year=year,
                    amounts=form.amounts(),
                )
            except services.GrantsError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"{council.name}'s plan for {grant.name} in "
                    f"{financial_year_label(year)} is saved.",
                )
                return redirect("grants:council_plan", code=code, gss_code=gss_code, year=year)
    else:
        form = SpendingPlanForm(
            conditions=conditions, initial=SpendingPlanForm.initial_from(plan) if plan else None
        )
    return render(
        request,
        "grants/plan_form.html",
        {
            "form": form,
            "grant": grant,
            "council": council,
            "year_label": financial_year_label(year),
            "pairs": [
                (form[f"planned_{c.number}"], form[f"actual_{c.number}"], c) for c in conditions
            ],
        },
    )


def plans_upload(request):
    """Admins load spending plans for many councils from a CSV file (all rows or none)."""
    return csv_upload_page(
        request,
        allowed=policy.can_load_picture_data(request.user),
        refusal="Only admins can upload spending plans.",
        title="Upload spending plans",
        format_text=imports.PLANS_FORMAT,
        kind="spending-plans",
        load=services.spending_plans_import,
        loaded_message=lambda loaded, name: f"{loaded} spending plans loaded from {name}.",
        success_url="grants:list",
    )
