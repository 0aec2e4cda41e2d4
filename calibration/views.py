"""Pages of the calibration panel and the national moderation view (issue 16). Thin: the
policy decides (404 unless the assessment is visible, 403 unless allowed), forms parse, the
services write and refuse with a message shown on the page."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

import policy
from assessments import selectors as assessment_selectors
from assessments.errors import AssessmentError
from assessments.forms import assessor_choices
from calibration import forms, selectors, services
from calibration.charts import moderation_svg
from calibration.models import PanelMember
from core import idempotency


def _assessment(request, pk: int, check):
    assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=pk)
    # The panel's chair may come from outside the team: the panel is visible to them.
    policy.require(
        policy.can_view_assessment(request.user, assessment)
        or policy.can_view_calibration(request.user, assessment),
        hide=True,
    )
    policy.require(check(request.user, assessment), message="You cannot do that on this panel.")
    return assessment


def _bound(request) -> tuple:
    return (request.POST,) if request.method == "POST" else (None,)


def panel(request, pk: int):
    """The panel: details, members, proposed and agreed scores, sign-off, and its history."""
    assessment = _assessment(request, pk, policy.can_view_calibration)
    panel = selectors.panel_of(assessment=assessment)
    return render(
        request,
        "calibration/panel.html",
        {
            "assessment": assessment,
            "panel": panel,
            "outcomes": list(panel.outcomes.all()) if panel else [],
            "members": list(panel.members.all()) if panel else [],
            "can_manage": policy.can_manage_calibration(request.user, assessment),
            "can_record": policy.can_record_calibration_outcome(request.user, assessment),
            "history": selectors.calibration_history(assessment=assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def details(request, pk: int):
    assessment = _assessment(request, pk, policy.can_manage_calibration)
    panel = selectors.panel_of(assessment=assessment)
    initial = {"meeting_on": panel.meeting_on, "chair": panel.chair} if panel else {}
    form = forms.PanelForm(*_bound(request), initial=initial, chairs=assessor_choices())
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_save(
                actor=request.user,
                assessment=assessment,
                meeting_on=form.cleaned_data["meeting_on"],
                chair=form.cleaned_data["chair"],
            )
        except AssessmentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Panel details saved.")
            return redirect("calibration:panel", pk=assessment.pk)
    return render(
        request, "calibration/details_form.html", {"assessment": assessment, "form": form}
    )


@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    assessment = _assessment(request, pk, policy.can_manage_calibration)
    form = forms.MemberForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            key = data.pop("idempotency_key")
            idempotency.run_once(
                user=request.user,
                scope=f"calibration.member_add:{assessment.pk}",
                key=key,
                create=lambda: services.panel_member_add(
                    actor=request.user, assessment=assessment, **data
                ),
                find=lambda pk: selectors.panel_member_get(assessment=assessment, pk=int(pk)),
            )
        except AssessmentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Member added.")
            return redirect("calibration:panel", pk=assessment.pk)
    return render(request, "calibration/member_form.html", {"assessment": assessment, "form": form})


@require_http_methods(["GET", "POST"])
def member_remove(request, pk: int, member_pk: int):
    """Confirm, then remove a member from the panel (before sign-off)."""
    assessment = _assessment(request, pk, policy.can_manage_calibration)
    try:
        member = selectors.panel_member_get(assessment=assessment, pk=member_pk)
    except PanelMember.DoesNotExist:
        raise Http404("No such member of this panel.") from None
    form = forms.RemoveMemberForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_member_remove(actor=request.user, assessment=assessment, member=member)
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{member.name} was removed from the panel.")
            return redirect("calibration:panel", pk=assessment.pk)
    return render(
        request,
        "calibration/member_remove.html",
        {"assessment": assessment, "member": member, "form": form},
    )


@require_POST
def propose(request, pk: int):
    assessment = _assessment(request, pk, policy.can_manage_calibration)
    try:
        services.panel_propose(actor=request.user, assessment=assessment)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Scores proposed to the panel.")
    return redirect("calibration:panel", pk=assessment.pk)


@require_http_methods(["GET", "POST"])
def outcome(request, pk: int, number: int):
    """The chair records the agreed score (and the reason for a change) for one statement."""
    assessment = _assessment(request, pk, policy.can_record_calibration_outcome)
    panel = selectors.panel_of(assessment=assessment)
    row = next(
        (o for o in (panel.outcomes.all() if panel else []) if o.statement.number == number), None
    )
    if row is None:
        raise Http404("No proposed score for that statement.")
    initial = {"agreed_score": row.agreed_score or row.proposed_score, "reason": row.reason}
    form = forms.OutcomeForm(*_bound(request), initial=initial, proposed=row.proposed_score)
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_outcome_record(
                actor=request.user,
                assessment=assessment,
                statement=row.statement,
                agreed_score=form.cleaned_data["agreed_score"],
                reason=form.cleaned_data["reason"],
            )
        except AssessmentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, f"Outcome recorded for {row.statement.name}.")
            return redirect("calibration:panel", pk=assessment.pk)
    return render(
        request,
        "calibration/outcome_form.html",
        {"assessment": assessment, "form": form, "row": row},
    )


@require_POST
def sign_off(request, pk: int):
    assessment = _assessment(request, pk, policy.can_record_calibration_outcome)
    try:
        services.panel_sign_off(actor=request.user, assessment=assessment)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Panel signed off. The draft may now go to the council.")
    return redirect("calibration:panel", pk=assessment.pk)


def moderation(request):
    """National moderation: how often panels changed scores, by statement and direction."""
    policy.require(policy.can_view_moderation(request.user), message="Admins only.")
    rows = selectors.moderation_rows()
    return render(
        request,
        "calibration/moderation.html",
        {
            "rows": rows,
            "panels": selectors.moderation_panel_count(),
            "totals": selectors.moderation_totals(rows),
            "chart": mark_safe(moderation_svg(rows)),  # noqa: S308 - escaped by the chart
        },
    )


def moderation_csv(request):
    policy.require(policy.can_view_moderation(request.user), message="Admins only.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="calibration-moderation.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["statement_number", "statement", "outcomes", "raised", "lowered", "unchanged",
         "changed_percent"]
    )  # fmt: skip
    for row in selectors.moderation_rows():
        writer.writerow(
            [row.number, row.name, row.outcomes, row.raised, row.lowered, row.unchanged,
             row.changed_percent]
        )  # fmt: skip
    return response
