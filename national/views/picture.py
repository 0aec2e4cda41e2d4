"""Pages of the national picture: outcomes per pound, pressure levels, council profiles and
the waiting-list entry form. Thin: selectors read, services write, the policy decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

import policy
from core import datacache
from councils import selectors as council_selectors
from national import charts, outcomes, pressure, selectors, services
from national.forms import WaitingListForm
from national.models import PressureMeasure, financial_year_label


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def _filters(request) -> dict:
    region = request.GET.get("region", "")
    council_type = request.GET.get("type", "")
    regions = council_selectors.region_choices()
    types = council_selectors.council_type_choices()
    return {
        "region": region if region in dict(regions) else "",
        "council_type": council_type if council_type in dict(types) else "",
        "regions": regions,
        "council_types": types,
    }


def _ranking_body(filters: dict, year: int | None) -> str:
    """The ranking tables and their filters as HTML: the same for every visitor."""
    ranking = selectors.outcomes_ranking(
        year=year, region_code=filters["region"], council_type=filters["council_type"]
    )
    return render_to_string(
        "national/_ranking_body.html",
        {
            **filters,
            "ranking": ranking,
            "year_choices": [(y, financial_year_label(y)) for y in ranking.years],
            "filtered": bool(filters["region"] or filters["council_type"]),
            "top": outcomes.TOP,
        },
    )


@login_not_required
def outcomes_ranking(request):
    """Councils ranked by outcomes per pound in a year, top 10 and the full table.

    The tables are the same for every visitor and change only with the national data, so
    they are cached per year and filter until then (core.datacache)."""
    filters = _filters(request)
    year = selectors.ranking_year(_int_or_none(request.GET.get("year")))
    body = datacache.cached(
        f"national:ranking-page:{year}:{filters['region']}:{filters['council_type']}",
        depends_on=(datacache.NATIONAL_DATA,),
        compute=lambda: _ranking_body(filters, year),
    )
    domains, domain_rows = selectors.domain_table(
        year=year, region_code=filters["region"], council_type=filters["council_type"]
    )
    return render(
        request,
        "national/outcomes_ranking.html",
        {
            "body": body,
            "year_label": financial_year_label(year) if year else "",
            "domains": domains,
            "domain_rows": domain_rows,
        },
    )


@login_not_required
def outcomes_method(request):
    """How outcomes per pound is calculated, with the indicators and weights in use."""
    return render(
        request,
        "national/outcomes_method.html",
        {
            "indicators": selectors.outcome_indicators(),
            "domain_indicators": selectors.domain_positions().domains,
            "all_indicators": selectors.indicator_definitions(),
            "index_base": outcomes.INDEX_BASE,
            "index_scale": outcomes.INDEX_SCALE,
        },
    )


@login_not_required
def pressure_levels(request):
    """Each council's latest waiting-list figures and pressure level."""
    filters = _filters(request)
    national = selectors.latest_pressure(
        region_code=filters["region"], council_type=filters["council_type"]
    )
    chart = charts.bar_chart(
        chart_id="levels",
        title="Councils at each pressure level",
        description=", ".join(
            f"level {level} ({pressure.LEVEL_NAMES[level]}): {count} councils"
            for level, count in national.counts.items()
        ),
        items=[(f"Level {level}", count) for level, count in national.counts.items()],
    )
    return render(
        request,
        "national/pressure_levels.html",
        {
            **filters,
            "national": national,
            "chart": chart,
            "level_names": pressure.LEVEL_NAMES,
            "level_descriptions": pressure.LEVEL_DESCRIPTIONS,
            "thresholds": selectors.pressure_thresholds_list(),
            "can_enter": policy.can_enter_waiting_list(request.user),
        },
    )


def _short(label: str, limit: int = 36) -> str:
    """A chart label cut at a word boundary, with an ellipsis when cut."""
    if len(label) <= limit:
        return label
    return label[:limit].rsplit(" ", 1)[0] + "…"


def _indicator_chart(profile: selectors.CouncilProfile):
    rows = [c for c in profile.indicators if c.z_score is not None]
    if not rows:
        return None
    return charts.diverging_bar_chart(
        chart_id="indicators",
        title=f"{profile.council.name}: outcome indicators against the average of all councils",
        description="; ".join(
            f"{c.indicator.code} {c.indicator.name}: {c.z_score:+.2f} standard deviations "
            f"({'better' if c.z_score >= 0 else 'worse'} than average)"
            for c in rows
        ),
        items=[(_short(f"{c.indicator.code} {c.indicator.name}"), c.z_score) for c in rows],
    )


def _waiting_chart(profile: selectors.CouncilProfile):
    rows = [row for row in profile.pressure_rows if row.population]
    if len(rows) < 2:
        return None
    measures = PressureMeasure.choices
    series = [
        charts.Series(
            label.capitalize(),
            [pressure.rate_per_100k(getattr(r.snapshot, m), r.population) for r in rows],
        )
        for m, label in measures
    ]
    first, last = rows[0], rows[-1]
    return charts.line_chart(
        chart_id="waiting",
        title=f"{profile.council.name}: people waiting per 100,000 adults",
        description=(
            f"From {first.snapshot.snapshot_date:%-d %B %Y} "
            f"to {last.snapshot.snapshot_date:%-d %B %Y}: "
            + "; ".join(
                f"{s.label.lower()} went from {pressure.format_rate(s.values[0])} to "
                f"{pressure.format_rate(s.values[-1])} per 100,000 adults"
                for s in series
            )
        ),
        x_labels=[f"{r.snapshot.snapshot_date:%b %Y}" for r in rows],
        series=series,
        y_label="per 100,000 adults",
    )


def _rank_chart(profile: selectors.CouncilProfile):
    rows = list(reversed(profile.rank_history))
    if len(rows) < 2:
        return None
    return charts.line_chart(
        chart_id="opp",
        title=f"{profile.council.name}: outcomes per pound by year",
        description="; ".join(
            f"{row.year_label}: "
            + (
                f"{row.outcomes_per_pound:.1f}, position {row.position} of {row.of}"
                if row.position
                else "not ranked"
            )
            for row in rows
        ),
        x_labels=[row.year_label for row in rows],
        series=[
            charts.Series("Outcomes per pound", [row.outcomes_per_pound for row in rows]),
            charts.Series("National level (100)", [100.0 for _ in rows]),
        ],
        y_label="outcomes per pound",
    )


@login_not_required
def council_profile(request, gss_code: str):
    """One council's national picture: rating, history, indicators, value, pressure."""
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    profile = selectors.council_profile(council=council, user=request.user)
    return render(
        request,
        "national/council_profile.html",
        {
            "council": council,
            "profile": profile,
            "indicator_chart": _indicator_chart(profile),
            "waiting_chart": _waiting_chart(profile),
            "rank_chart": _rank_chart(profile),
            "can_view_latest": profile.latest is not None
            and policy.can_view_assessment(request.user, profile.latest),
            "can_enter": policy.can_enter_waiting_list(request.user),
            "level_names": pressure.LEVEL_NAMES,
            "council_domains": selectors.domain_positions(council=council).by_council.get(
                council.pk, []
            ),
        },
    )


def waiting_list_create(request):
    """Enter one council's waiting-list counts for a date (admins and assessors)."""
    policy.require(
        policy.can_enter_waiting_list(request.user),
        message="Only admins and assessors can enter waiting-list figures.",
    )
    if request.method == "POST":
        form = WaitingListForm(request.POST)
        if form.is_valid():
            try:
                entry = services.waiting_list_snapshot_create(
                    actor=request.user, **form.cleaned_data
                )
            except services.NationalDataError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"Waiting-list figures for {entry.council.name} on "
                    f"{entry.snapshot_date:%-d %B %Y} saved.",
                )
                return redirect("national:council_profile", gss_code=entry.council.gss_code)
    else:
        initial = {}
        gss_code = request.GET.get("council", "")
        if gss_code and council_selectors.council_exists(gss_code=gss_code):
            initial["council"] = gss_code
        form = WaitingListForm(initial=initial)
    return render(request, "national/waiting_list_form.html", {"form": form})
