"""Assessment pages: the list, the assessment page, opening one and changing its dates and
team. Thin: selectors read, services write, the policy decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

import policy
from assessments import forms, panels, selectors, services
from assessments.list_forms import AssessmentListForm, sort_columns
from assessments.panels import ASSESSMENT_FIELD_LABELS
from assessments.views.workflow import workflow_panels
from core.conflicts import ConflictRow, conflict_rows
from core.forms import as_typed_date
from reviews.views import review_panels


def assessment_list(request):
    """Search, filter and sort the assessments the user may see (assessments.selectors.listing)."""
    form = AssessmentListForm(request.GET, offer_mine=policy.is_assessor(request.user))
    filters = form.filters()
    assessments = selectors.assessment_list(user=request.user, filters=filters)
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
        **workflow_panels(request.user, assessment),
        **review_panels(request.user, assessment),
        "can_edit_assessment": policy.can_edit_assessment(request.user, assessment),
        # Panels whose cost grows with the case load on their own (assessments/panels.py).
        "deferred_panels": panels.visible_panels(request.user, assessment),
    }
    return render(request, "assessments/assessment_detail.html", context)


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


def _assessment_conflict_rows(data: dict, current) -> list[ConflictRow]:
    now = {
        "notified_on": current.notified_on,
        "site_visit_on": current.site_visit_on,
        "lead_assessor": current.lead_assessor,
        "assessors": list(current.assessors.all()),
    }
    return conflict_rows(
        labels=ASSESSMENT_FIELD_LABELS, yours={name: data.get(name) for name in now}, now=now
    )
