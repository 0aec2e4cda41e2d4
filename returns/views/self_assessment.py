"""The self-assessment's forms: a narrative per theme and, optionally, per quality statement
(drafts saved, a length guide, the GOV.UK character count)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

import policy
from returns import selectors
from returns.forms import SelfAssessmentForm
from returns.services import ReturnsError
from returns.services import returns as services
from returns.views.common import add_service_error, or_404, portal_assessment


def _edit(request, *, assessment, theme, statement):
    policy.require(
        policy.can_answer_for_council(request.user, assessment),
        message="The self-assessment cannot be changed now.",
    )
    section = selectors.section_for(assessment, theme, statement)
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST, statement=statement)
        if form.is_valid():
            try:
                services.self_assessment_save(
                    actor=request.user,
                    assessment=assessment,
                    theme=theme,
                    statement=statement,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except ReturnsError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Draft saved.")
                return redirect("returns:self_assessment", pk=assessment.pk)
    else:
        form = SelfAssessmentForm(
            initial={"text": section.text, "version": section.version} if section else {},
            statement=statement,
        )
    return render(
        request,
        "returns/self_assessment_form.html",
        {
            "assessment": assessment,
            "theme": theme,
            "statement": statement,
            "section": section,
            "form": form,
            "back": reverse("returns:self_assessment", kwargs={"pk": assessment.pk}),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def self_assessment_edit(request, pk: int, theme: int):
    """Draft the narrative of one theme."""
    assessment = portal_assessment(request, pk)
    theme_obj = or_404(selectors.theme_by_number, assessment, theme)
    return _edit(request, assessment=assessment, theme=theme_obj, statement=None)


@require_http_methods(["GET", "POST"])
def self_assessment_statement_edit(request, pk: int, number: int):
    """Draft the (optional) narrative of one quality statement, beside its theme's."""
    assessment = portal_assessment(request, pk)
    statement = or_404(selectors.statement_by_number, assessment, number)
    return _edit(request, assessment=assessment, theme=statement.theme, statement=statement)
