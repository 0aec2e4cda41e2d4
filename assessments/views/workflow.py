"""Workflow steps: confirm and take one (with its note, required for some steps)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

import policy
from assessments import forms, selectors, services, workflow
from assessments.models import AssessmentStatus
from assessments.workflow_display import action_buttons, done_message


def _bound(request) -> tuple:
    """Form data for a POST (even an empty one, so the form validates), else unbound."""
    return (request.POST,) if request.method == "POST" else (None,)


def available_actions(user, assessment) -> list[workflow.Action]:
    """The workflow steps `user` may take from the assessment's current status."""
    return [
        action
        for action in workflow.actions_from(assessment.status)
        if policy.can_make_transition(user, assessment, action.roles)
    ]


def workflow_panels(user, assessment) -> dict:
    """Context for the assessment page's workflow actions (the timeline is a deferred panel:
    assessments/panels.py)."""
    return {"workflow_actions": action_buttons(available_actions(user, assessment))}


@require_http_methods(["GET", "POST"])
def transition(request, pk: int, action: str):
    """Confirm and take one workflow step (with its note, required for some steps)."""
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    try:
        spec = workflow.get_action(action)
    except workflow.UnknownAction:
        raise Http404 from None
    policy.require(
        policy.can_make_transition(request.user, assessment, spec.roles),
        message=f"Only {spec.roles_label} can “{spec.label.lower()}”.",
    )
    if assessment.status not in spec.from_statuses:
        messages.error(
            request,
            f"You cannot “{spec.label.lower()}” while the assessment is "
            f"{assessment.get_status_display().lower()}.",
        )
        return redirect(assessment)
    form = forms.TransitionForm(*_bound(request), action=spec)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_transition(
                actor=request.user,
                assessment=assessment,
                action=spec.name,
                note=form.cleaned_data["note"],
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done_message(spec))
            return redirect(assessment)
    return render(
        request,
        "assessments/transition_confirm.html",
        {
            "assessment": assessment,
            "action": spec,
            "form": form,
            "to_label": AssessmentStatus(spec.to_status).label,
            "problem": ""
            if request.method == "POST"
            else services.assessment_transition_problem(assessment=assessment, action=spec.name),
        },
        status=200,
    )
