"""Evidence sufficiency: the heat-map, and the lead assessor's override before QA."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

import policy
from fieldwork import selectors, services
from fieldwork.errors import FieldworkError
from fieldwork.forms import OverrideForm
from fieldwork.views.common import add_service_error, fieldwork_assessment


@require_GET
def sufficiency(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    policy.require(
        policy.can_view_sufficiency(request.user, assessment),
        message="The evidence sufficiency heat-map is for the assessment team.",
    )
    return render(
        request,
        "fieldwork/sufficiency.html",
        {
            "assessment": assessment,
            "heat": selectors.sufficiency(assessment=assessment),
            "override": selectors.override_applies(assessment=assessment),
            "can_override": policy.can_override_peoples_experience(request.user, assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def override(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    policy.require(
        policy.can_override_peoples_experience(request.user, assessment),
        message="Only the lead assessor can record this, during scoring.",
    )
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.peoples_experience_override_record(
                actor=request.user, assessment=assessment, reason=form.cleaned_data["reason"]
            )
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Override recorded: the assessment can be submitted.")
            return redirect("fieldwork:sufficiency", pk=assessment.pk)
    return render(
        request,
        "fieldwork/override.html",
        {
            "assessment": assessment,
            "form": form,
            "lacking": selectors.statements_without_peoples_experience(assessment=assessment),
        },
        status=400 if form.errors else 200,
    )
