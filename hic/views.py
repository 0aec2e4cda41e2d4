"""Pages of High Impact Changes self-assessments: the national ranking, a council's latest
self-assessment beside its previous one, and the portal form. Thin: selectors read, services
write, the policy decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render

import policy
from councils import selectors as council_selectors
from hic import selectors, services
from hic.forms import SelfAssessmentForm


@login_not_required
def national_ranking(request):
    """The eight changes ranked by average maturity, and the councils at each level."""
    national = selectors.national_ranking()
    return render(
        request,
        "hic/national.html",
        {"national": national, "unverified": [lv for lv in national.levels if not lv.verified]},
    )


@login_not_required
def council_hic(request, gss_code: str):
    """A council's latest self-assessment and its change since the previous one."""
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    return render(
        request,
        "hic/council.html",
        {
            "hic": selectors.council_hic(council=council),
            "levels": {lv.number: lv.name for lv in selectors.levels()},
            "can_enter": policy.can_enter_for_council(request.user, council.pk),
        },
    )


def self_assessment_create(request, gss_code: str):
    """The council's own users (and admins) record a self-assessment."""
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    policy.require(
        policy.can_enter_for_council(request.user, council.pk),
        message="Only the council's own users can record its self-assessment.",
    )
    changes, levels = selectors.changes(), selectors.levels()
    form = SelfAssessmentForm(request.POST or None, changes=changes, levels=levels)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_create(
                actor=request.user,
                council=council,
                assessed_on=form.cleaned_data["assessed_on"],
                ratings=form.ratings(),
            )
        except services.HicError as exc:
            form.add_error("assessed_on" if exc.field == "assessed_on" else None, str(exc))
        else:
            messages.success(request, f"{council.name}'s self-assessment is saved.")
            return redirect("hic:council", gss_code=gss_code)
    return render(
        request,
        "hic/self_assessment_form.html",
        {
            "form": form,
            "council": council,
            "pairs": [(form[f"level_{c.number}"], form[f"note_{c.number}"]) for c in changes],
            "unverified": [lv for lv in levels if not lv.verified],
        },
    )
