"""Pages of the improvement action plan (issue 16). Thin: policy, form, service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

import policy
from actionplans import forms, selectors, services
from actionplans.models import ImprovementAction
from assessments import selectors as assessment_selectors
from assessments.errors import AssessmentError
from core import idempotency


def _assessment(request, pk: int, check):
    assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    policy.require(
        check(request.user, assessment),
        message="The council's action plan is seen by the council and the team.",
    )
    return assessment  # fmt: skip


def _bound(request) -> tuple:
    return (request.POST,) if request.method == "POST" else (None,)


@require_http_methods(["GET", "POST"])
def plan(request, pk: int):
    """The plan with overdue actions flagged; council leads add actions here."""
    assessment = _assessment(request, pk, policy.can_view_action_plan)
    statements = assessment_selectors.framework_statements(framework=assessment.framework)
    can_edit = policy.can_edit_action_plan(request.user, assessment)
    initial = {"statement": request.GET["on"]} if request.GET.get("on", "").isdigit() else {}
    form = forms.ActionForm(*_bound(request), statements=statements, initial=initial)
    if request.method == "POST":
        policy.require(can_edit, message="Council leads of the council add actions.")
        if form.is_valid():
            data = form.cleaned_data
            by_number = {s.number: s for s in statements}
            try:
                idempotency.run_once(
                    user=request.user,
                    scope=f"action_plan.add:{assessment.pk}",
                    key=data["idempotency_key"],
                    create=lambda: services.action_add(
                        actor=request.user,
                        assessment=assessment,
                        statement=by_number.get(data["statement"]),
                        action=data["action"],
                        owner=data["owner"],
                        due_on=data["due_on"],
                    ),  # fmt: skip
                    find=lambda pk: selectors.action_get(assessment=assessment, pk=int(pk)),
                )
            except AssessmentError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, "Action added to the plan.")
                return redirect("actionplans:plan", pk=assessment.pk)
    rows = selectors.action_plan(assessment=assessment)
    return render(
        request,
        "actionplans/plan.html",
        {"assessment": assessment, "rows": rows, "outcome": selectors.plan_outcome(rows),
         "form": form if can_edit else None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def action_update(request, pk: int, action_pk: int):
    assessment = _assessment(request, pk, policy.can_edit_action_plan)
    try:
        action = selectors.action_get(assessment=assessment, pk=action_pk)
    except ImprovementAction.DoesNotExist:
        raise Http404 from None
    form = forms.ActionUpdateForm(*_bound(request), initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                actor=request.user, action=action, status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except AssessmentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Action updated.")
            return redirect("actionplans:plan", pk=assessment.pk)
    return render(
        request, "actionplans/action_form.html",
        {"assessment": assessment, "action": action, "form": form},
    )  # fmt: skip
