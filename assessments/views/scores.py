"""Scoring pages: one statement's score (with the live "what if" preview) and the preview of
the overall result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

import policy
from assessments import forms, scoring, selectors, services
from assessments.models import QualityStatement
from core.htmx import is_htmx


def _score_form(assessment, statement, categories, data=None):
    """The score form of the assessment's rule, bound to `data` or to the current score."""
    current = selectors.statement_score(assessment=assessment, statement=statement)
    initial = {
        "version": current.version if current else 0,
        "rationale": current.rationale if current else "",
    }
    if assessment.scoring_rule == scoring.CATEGORY_SCORES.code:
        for group in categories:
            initial[forms.CategoryScoreForm.field_name(group.category.code)] = group.score
        form = forms.CategoryScoreForm(
            data, initial=initial, categories=[(g.category, g.required) for g in categories]
        )
    else:
        initial["score"] = current.score if current and current.score else None
        form = forms.StatementScoreForm(data, initial=initial)
    return form, current


def _preview(assessment, statement, form) -> dict:
    """What the overall result would be with the typed (unsaved) score for `statement`."""
    summary = selectors.assessment_score_summary(assessment=assessment)
    proposed = form.scores_for_preview()
    if isinstance(proposed, dict):
        proposed = scoring.statement_score_from_categories(proposed)
    what_if = {**summary.scores(), statement.number: proposed}
    return {
        "current": summary.result,
        "preview": scoring.overall_result(what_if, rule_version=assessment.scoring_rule),
        "proposed_score": proposed,
        "assessment": assessment,
        "statement": statement,
    }


def _statement_page(request, pk: int, number: int):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    policy.require(policy.can_view_draft(request.user, assessment))
    try:
        statement = selectors.statement_for_assessment(assessment=assessment, number=number)
    except QualityStatement.DoesNotExist as exc:
        raise Http404 from exc
    return assessment, statement


@login_not_required
def statement_score(request, pk: int, number: int):
    """One statement's evidence, grouped by category, beside its score form."""
    return _statement_score(request, pk, number, preview_only=False)


def _statement_score(request, pk: int, number: int, *, preview_only: bool):
    assessment, statement = _statement_page(request, pk, number)
    can_score = policy.can_score(request.user, assessment)
    categories = selectors.statement_evidence_by_category(
        user=request.user, assessment=assessment, statement=statement
    )
    data = None
    if request.method == "POST":
        policy.require(can_score, message="Scores cannot be changed at this stage.")
        data = request.POST
    form, current = _score_form(assessment, statement, categories, data)
    preview = None
    if data is not None and (preview_only or "preview" in data):
        preview = _preview(assessment, statement, form)
    elif data is not None and form.is_valid():
        try:
            if isinstance(form, forms.CategoryScoreForm):
                services.category_score_set(
                    actor=request.user,
                    assessment=assessment,
                    statement=statement,
                    category_scores=form.category_scores(),
                    rationale=form.cleaned_data["rationale"],
                    expected_version=form.cleaned_data["version"],
                )
            else:
                services.statement_score_set(
                    actor=request.user,
                    assessment=assessment,
                    statement=statement,
                    score=form.cleaned_data["score"],
                    rationale=form.cleaned_data["rationale"],
                    expected_version=form.cleaned_data["version"],
                )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _score_saved_message(assessment, statement))
            # No #scores fragment: the success banner at the top takes focus (a fragment
            # made the browser drop that focus and scrolled the banner out of sight).
            return redirect(assessment)
    return render(
        request,
        "assessments/statement_score.html",
        {
            "assessment": assessment,
            "statement": statement,
            "categories": categories,
            "current": current,
            "form": form,
            "can_score": can_score,
            "can_view_evidence": policy.can_view_evidence(request.user, assessment),
            "preview": preview,
            "is_category_rule": isinstance(form, forms.CategoryScoreForm),
            "adjacent": selectors.adjacent_statements(assessment=assessment, statement=statement),
        },
    )


def _score_saved_message(assessment, statement) -> str:
    """The banner after saving a score, with a link on to the next statement (if any)."""
    _, following = selectors.adjacent_statements(assessment=assessment, statement=statement)
    if following is None:
        return f"Score saved for {statement}."
    url = reverse("assessments:statement_score", args=[assessment.pk, following.number])
    # Safe HTML survives the message storage (Django keeps the SafeData flag).
    return format_html(
        'Score saved for {}. <a class="govuk-notification-banner__link" href="{}">'
        "Next statement: {}</a>",
        statement,
        url,
        following,
    )


@require_POST
def statement_score_preview(request, pk: int, number: int):
    """htmx: the overall result the typed score would give; never saves."""
    assessment, statement = _statement_page(request, pk, number)
    policy.require(policy.can_score(request.user, assessment))
    if not is_htmx(request):  # the whole page, with the preview; never saves
        return _statement_score(request, pk, number, preview_only=True)
    categories = selectors.statement_evidence_by_category(
        user=request.user, assessment=assessment, statement=statement
    )
    form, _ = _score_form(assessment, statement, categories, request.POST)
    return render(
        request, "assessments/_what_if_result.html", _preview(assessment, statement, form)
    )


@require_POST
def scores_preview(request, pk: int):
    """The what-if panel: the overall result of nine typed scores. A fragment for htmx, a
    page without JavaScript. Never saves."""
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    policy.require(policy.can_score(request.user, assessment))
    summary = selectors.assessment_score_summary(assessment=assessment)
    form = forms.WhatIfForm(request.POST, statements=[row.statement for row in summary.rows])
    context = {"assessment": assessment, "summary": summary, "what_if_form": form}
    if form.is_valid():
        context.update(
            current=summary.result,
            preview=scoring.overall_result(form.scores(), rule_version=assessment.scoring_rule),
        )
    if is_htmx(request):
        return render(request, "assessments/_what_if_result.html", context)
    return render(request, "assessments/scores_preview.html", context)
