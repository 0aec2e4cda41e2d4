"""Pages for the findings and the summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

import policy
from assessments import selectors as assessment_selectors
from assessments.errors import AssessmentError
from assessments.models import QualityStatement
from reviews import forms, selectors, services


def assessment_for(user, pk: int):
    """The assessment, after the policy (404 unless the user may see it)."""
    assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(user, assessment)
    return assessment


def bound(request, *, files: bool = False) -> tuple:
    """Form data for a POST (even an empty one, so the form validates), else unbound."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def review_panels(user, assessment) -> dict:
    """Context for the assessment page's findings and factual accuracy panels."""
    can_view_challenges = policy.can_view_challenges(user, assessment)
    return {
        "can_view_findings": policy.can_view_draft(user, assessment),
        "can_view_challenges": can_view_challenges,
        "can_extend_deadline": policy.can_extend_deadline(user, assessment),
        # Challenges exist only from the sending of the draft (policy.can_raise_challenge):
        # before it, no query.
        "challenge_counts": selectors.challenge_counts(assessment=assessment)
        if can_view_challenges and assessment.fa_sent_on
        else {},
    }


@login_not_required
def findings(request, pk: int):
    """The summary and per-statement findings with scores: the team, the council during the
    factual accuracy check (read only), everyone once published."""
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_view_draft(request.user, assessment),
        message="The draft findings are shared with the council from the factual accuracy check.",
    )
    summary, rows = selectors.assessment_findings(assessment=assessment)
    can_view_history = policy.can_view_history(request.user, assessment)
    return render(
        request,
        "reviews/findings.html",
        {
            "assessment": assessment,
            "summary": summary,
            "rows": rows,
            "can_edit": policy.can_edit_findings(request.user, assessment),
            "can_raise_challenge": policy.can_raise_challenge(request.user, assessment),
            "can_view_history": can_view_history,
            "history": selectors.findings_history(assessment=assessment)[:50]
            if can_view_history
            else [],
        },
    )


def _require_edit_findings(user, assessment) -> None:
    policy.require(
        policy.can_edit_findings(user, assessment),
        message=(
            "This assessment is published: its findings can no longer change."
            if assessment.is_published
            else "Only the assessment team can change the findings, from scoring and drafting "
            "until publication."
        ),
    )


@require_http_methods(["GET", "POST"])
def summary_edit(request, pk: int):
    assessment = assessment_for(request.user, pk)
    _require_edit_findings(request.user, assessment)
    summary, _ = selectors.assessment_findings(assessment=assessment)
    initial = {"summary": summary.summary, "version": summary.version} if summary else {}
    form = forms.SummaryForm(*bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.summary_update(
                actor=request.user,
                assessment=assessment,
                summary=form.cleaned_data["summary"],
                expected_version=form.cleaned_data["version"],
            )
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Summary saved.")
            return redirect("reviews:findings", pk=assessment.pk)
    return render(request, "reviews/summary_form.html", {"assessment": assessment, "form": form})


@require_http_methods(["GET", "POST"])
def finding_edit(request, pk: int, number: int):
    assessment = assessment_for(request.user, pk)
    try:
        statement = assessment_selectors.statement_for_assessment(
            assessment=assessment, number=number
        )
    except QualityStatement.DoesNotExist:
        raise Http404("This assessment's framework has no such quality statement.") from None
    _require_edit_findings(request.user, assessment)
    finding = selectors.statement_finding(assessment=assessment, statement=statement)
    initial = {"direction": "not_judged"}
    if finding:
        initial = {name: getattr(finding, name) for name in services.FINDING_FIELDS}
        initial["version"] = finding.version
    form = forms.FindingForm(*bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_update(
                actor=request.user,
                assessment=assessment,
                statement=statement,
                expected_version=form.cleaned_data["version"],
                **form.finding_values(),
            )
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Findings for {statement.name} saved.")
            return redirect("reviews:findings", pk=assessment.pk)
    return render(
        request,
        "reviews/finding_form.html",
        {"assessment": assessment, "statement": statement, "form": form},
    )
