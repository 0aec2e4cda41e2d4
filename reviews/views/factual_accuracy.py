"""Pages for the factual accuracy check: challenges, decisions, their files, deadline
extensions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

import policy
from assessments import selectors as assessment_selectors
from assessments.errors import AssessmentError
from core import idempotency, uploads
from reviews import forms, selectors, services
from reviews.downloads import challenge_attachment_response
from reviews.views.findings import assessment_for, bound


def challenges(request, pk: int):
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_view_challenges(request.user, assessment),
        message="Challenges are seen by the assessment team and the council only.",
    )
    return render(
        request,
        "reviews/challenge_list.html",
        {
            "assessment": assessment,
            "challenges": selectors.challenge_list(assessment=assessment),
            "can_raise_challenge": policy.can_raise_challenge(request.user, assessment),
            "deadline_passed": services.challenge_deadline_passed(assessment),
            "can_extend_deadline": policy.can_extend_deadline(request.user, assessment),
            "extensions": selectors.deadline_extensions(assessment=assessment),
            "confirmation": selectors.fa_confirmation(assessment=assessment),
            "can_confirm": policy.can_confirm_factual_accuracy(request.user, assessment),
            "overrides": selectors.publication_overrides(assessment=assessment),
            "can_override": policy.can_override_publication(request.user, assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def challenge_create(request, pk: int):
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_raise_challenge(request.user, assessment),
        message="Council leads of this council raise challenges during the factual accuracy check.",
    )
    statements = assessment_selectors.framework_statements(framework=assessment.framework)
    # Raised from the finding or section it concerns: ?on=<statement id>|summary&text=...
    initial = {
        key: request.GET[param][:5000]
        for key, param in (("on", "on"), ("text_challenged", "text"))
        if request.GET.get(param)
    }
    form = forms.ChallengeForm(*bound(request, files=True), statements=statements, initial=initial)
    if request.method == "POST":
        form.has_kept_files = bool(uploads.kept_files(request, form))
    closed = services.challenge_deadline_passed(assessment)
    if request.method == "POST" and form.is_valid():
        try:
            challenge, created = idempotency.run_once(
                user=request.user,
                scope=f"challenge.raise:{assessment.pk}",
                key=form.cleaned_data["idempotency_key"],
                create=lambda: services.challenge_raise(
                    actor=request.user,
                    assessment=assessment,
                    statement=form.statement,
                    kind=form.cleaned_data["kind"],
                    text_challenged=form.cleaned_data["text_challenged"],
                    proposed_correction=form.cleaned_data["proposed_correction"],
                    evidence_note=form.cleaned_data["evidence_note"],
                    files=uploads.post_files(request, form),
                ),
                find=lambda pk: selectors.challenge_list(assessment=assessment).get(pk=pk),
            )
        except AssessmentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        except ValidationError as exc:
            form.add_error("files", exc)
        else:
            if created:
                messages.success(request, "Challenge sent to the assessment team.")
            else:
                messages.info(request, "This challenge was already sent; it was not sent again.")
            return redirect("reviews:challenge_detail", pk=assessment.pk, challenge_pk=challenge.pk)
    # A file need not be chosen again after an error in another field.
    kept = uploads.keep_post_files(request, form) if request.method == "POST" else []
    return render(
        request,
        "reviews/challenge_form.html",
        {"assessment": assessment, "form": form, "closed": closed, "kept": kept},
    )


@require_http_methods(["GET", "POST"])
def challenge_detail(request, pk: int, challenge_pk: int):
    """A challenge and its decision; the team records the decision here, and may change the
    challenged finding or summary in the same step."""
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_view_challenges(request.user, assessment),
        message="Challenges are seen by the assessment team and the council only.",
    )
    challenge = get_object_or_404(selectors.challenge_list(assessment=assessment), pk=challenge_pk)
    can_decide = policy.can_decide_challenge(request.user, assessment) and (
        challenge.decision == "pending"
    )
    if request.method == "POST":
        policy.require(
            policy.can_decide_challenge(request.user, assessment),
            message="Only the assessment team decides challenges, during the factual accuracy "
            "check.",
        )
    finding = (
        selectors.statement_finding(assessment=assessment, statement=challenge.statement)
        if challenge.statement
        else None
    )
    summary, _ = selectors.assessment_findings(assessment=assessment)
    decision_form = finding_form = summary_form = None
    if can_decide or request.method == "POST":
        decision_form = forms.DecisionForm(*bound(request), prefix="decision")
        if challenge.statement is not None:
            initial = (
                {name: getattr(finding, name) for name in services.FINDING_FIELDS}
                if finding
                else {"direction": "not_judged"}
            )
            finding_form = forms.FindingForm(*bound(request), initial=initial, prefix="finding")
        else:
            summary_form = forms.SummaryForm(
                *bound(request),
                initial={"summary": summary.summary if summary else ""},
                prefix="summary",
            )
    if request.method == "POST":
        text_form = finding_form or summary_form
        if decision_form.is_valid() and text_form.is_valid():
            finding_values = summary_text = None
            if decision_form.cleaned_data["decision"] == "accepted":
                if finding_form is not None and finding_form.has_changed():
                    finding_values = finding_form.finding_values()
                if summary_form is not None and summary_form.has_changed():
                    summary_text = summary_form.cleaned_data["summary"]
            try:
                services.challenge_decide(
                    actor=request.user,
                    challenge=challenge,
                    decision=decision_form.cleaned_data["decision"],
                    reason=decision_form.cleaned_data["reason"],
                    change_made=decision_form.cleaned_data["change_made"],
                    finding_values=finding_values,
                    summary_text=summary_text,
                    new_score=decision_form.cleaned_data["new_score"]
                    if decision_form.cleaned_data["decision"] == "accepted"
                    else None,
                )
            except AssessmentError as exc:
                field = exc.field if exc.field in decision_form.fields else None
                decision_form.add_error(field, str(exc))
            else:
                messages.success(request, "Decision recorded. The council lead has been told.")
                return redirect("reviews:challenges", pk=assessment.pk)
    return render(
        request,
        "reviews/challenge_detail.html",
        {
            "assessment": assessment,
            "challenge": challenge,
            "finding": finding,
            "summary": summary,
            "decision_form": decision_form,
            "finding_form": finding_form,
            "summary_form": summary_form,
        },
    )


def challenge_attachment(request, pk: int, challenge_pk: int, attachment_pk: int):
    """Stream a challenge's supporting file to those who may see the challenge."""
    assessment = assessment_for(request.user, pk)
    policy.require(policy.can_view_challenges(request.user, assessment), hide=True)
    return challenge_attachment_response(
        assessment=assessment, challenge_id=challenge_pk, attachment_id=attachment_pk
    )


@require_http_methods(["GET", "POST"])
def deadline_extend(request, pk: int):
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_extend_deadline(request.user, assessment),
        message="Only an admin can extend the deadline, during the factual accuracy check.",
    )
    form = forms.DeadlineExtensionForm(*bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_extend(
                actor=request.user,
                assessment=assessment,
                new_due_on=form.cleaned_data["new_due_on"],
                reason=form.cleaned_data["reason"],
            )
        except AssessmentError as exc:
            form.add_error("new_due_on", str(exc))
        else:
            messages.success(request, "Deadline extended.")
            return redirect("reviews:challenges", pk=assessment.pk)
    return render(
        request,
        "reviews/deadline_form.html",
        {"assessment": assessment, "form": form, "today": timezone.localdate()},
    )
