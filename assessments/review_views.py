"""Pages for findings, workflow steps and the factual accuracy check.

Thin: the policy decides who may see (404 otherwise) and act (403), forms parse input,
services write and raise AssessmentError with a message that is shown on the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from assessments import review_forms as forms
from assessments import selectors, services, workflow
from assessments.models import AssessmentStatus, ChallengeAttachment, QualityStatement
from assessments.workflow_display import action_buttons, done_message
from core import policy


def _assessment(user, pk: int):
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(user, assessment)
    return assessment


def _bound(request, *, files: bool = False) -> tuple:
    """Form data for a POST (even an empty one, so the form validates), else unbound."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def available_actions(user, assessment) -> list[workflow.Action]:
    """The workflow steps `user` may take from the assessment's current status."""
    return [
        action
        for action in workflow.actions_from(assessment.status)
        if policy.can_make_transition(user, assessment, action.roles)
    ]


def review_panels(user, assessment) -> dict:
    """Context for the assessment page's timeline and actions panels."""
    can_view_history = policy.can_view_history(user, assessment)
    return {
        "workflow_actions": action_buttons(available_actions(user, assessment)),
        "can_view_timeline": can_view_history,
        "timeline": selectors.assessment_timeline(assessment=assessment)
        if can_view_history
        else [],
        "can_view_findings": policy.can_view_draft(user, assessment),
        "can_view_challenges": policy.can_view_challenges(user, assessment),
        "can_extend_deadline": policy.can_extend_deadline(user, assessment),
        "challenge_counts": selectors.challenge_counts(assessment=assessment)
        if policy.can_view_challenges(user, assessment)
        else {},
    }


# ---- workflow ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def transition(request, pk: int, action: str):
    """Confirm and take one workflow step (with its note, required for some steps)."""
    assessment = _assessment(request.user, pk)
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


# ---- findings ------------------------------------------------------------------------------


@login_not_required
def findings(request, pk: int):
    """The summary and per-statement findings with scores: the team, the council during the
    factual accuracy check (read only), everyone once published."""
    assessment = _assessment(request.user, pk)
    policy.require(
        policy.can_view_draft(request.user, assessment),
        message="The draft findings are shared with the council from the factual accuracy check.",
    )
    summary, rows = selectors.assessment_findings(assessment=assessment)
    can_view_history = policy.can_view_history(request.user, assessment)
    return render(
        request,
        "assessments/findings.html",
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
    assessment = _assessment(request.user, pk)
    _require_edit_findings(request.user, assessment)
    summary, _ = selectors.assessment_findings(assessment=assessment)
    initial = {"summary": summary.summary, "version": summary.version} if summary else {}
    form = forms.SummaryForm(*_bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.summary_update(
                actor=request.user,
                assessment=assessment,
                summary=form.cleaned_data["summary"],
                expected_version=form.cleaned_data["version"],
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Summary saved.")
            return redirect("assessments:findings", pk=assessment.pk)
    return render(
        request, "assessments/summary_form.html", {"assessment": assessment, "form": form}
    )


@require_http_methods(["GET", "POST"])
def finding_edit(request, pk: int, number: int):
    assessment = _assessment(request.user, pk)
    statement = get_object_or_404(
        QualityStatement.objects.select_related("theme"),
        framework_id=assessment.framework_id,
        number=number,
    )
    _require_edit_findings(request.user, assessment)
    finding = assessment.findings.filter(statement=statement).first()
    initial = {"direction": "not_judged"}
    if finding:
        initial = {name: getattr(finding, name) for name in services.FINDING_FIELDS}
        initial["version"] = finding.version
    form = forms.FindingForm(*_bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_update(
                actor=request.user,
                assessment=assessment,
                statement=statement,
                expected_version=form.cleaned_data["version"],
                **form.finding_values(),
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Findings for {statement.name} saved.")
            return redirect("assessments:findings", pk=assessment.pk)
    return render(
        request,
        "assessments/finding_form.html",
        {"assessment": assessment, "statement": statement, "form": form},
    )


# ---- factual accuracy ------------------------------------------------------------------------


def challenges(request, pk: int):
    assessment = _assessment(request.user, pk)
    policy.require(
        policy.can_view_challenges(request.user, assessment),
        message="Challenges are seen by the assessment team and the council only.",
    )
    return render(
        request,
        "assessments/challenge_list.html",
        {
            "assessment": assessment,
            "challenges": selectors.challenge_list(assessment=assessment),
            "can_raise_challenge": policy.can_raise_challenge(request.user, assessment),
            "deadline_passed": services.challenge_deadline_passed(assessment),
            "can_extend_deadline": policy.can_extend_deadline(request.user, assessment),
            "extensions": selectors.deadline_extensions(assessment=assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def challenge_create(request, pk: int):
    assessment = _assessment(request.user, pk)
    policy.require(
        policy.can_raise_challenge(request.user, assessment),
        message="Council leads of this council raise challenges during the factual accuracy check.",
    )
    statements = selectors.framework_statements(framework=assessment.framework)
    form = forms.ChallengeForm(*_bound(request, files=True), statements=statements)
    closed = services.challenge_deadline_passed(assessment)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_raise(
                actor=request.user,
                assessment=assessment,
                statement=form.statement,
                kind=form.cleaned_data["kind"],
                text_challenged=form.cleaned_data["text_challenged"],
                proposed_correction=form.cleaned_data["proposed_correction"],
                evidence_note=form.cleaned_data["evidence_note"],
                files=form.cleaned_data["files"],
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error("files", exc)
        else:
            messages.success(request, "Challenge sent to the assessment team.")
            return redirect(
                "assessments:challenge_detail", pk=assessment.pk, challenge_pk=challenge.pk
            )
    return render(
        request,
        "assessments/challenge_form.html",
        {"assessment": assessment, "form": form, "closed": closed},
    )


@require_http_methods(["GET", "POST"])
def challenge_detail(request, pk: int, challenge_pk: int):
    """A challenge and its decision; the team records the decision here, and may change the
    challenged finding or summary in the same step."""
    assessment = _assessment(request.user, pk)
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
        assessment.findings.filter(statement=challenge.statement).first()
        if challenge.statement
        else None
    )
    summary, _ = selectors.assessment_findings(assessment=assessment)
    decision_form = finding_form = summary_form = None
    if can_decide or request.method == "POST":
        decision_form = forms.DecisionForm(*_bound(request), prefix="decision")
        if challenge.statement is not None:
            initial = (
                {name: getattr(finding, name) for name in services.FINDING_FIELDS}
                if finding
                else {"direction": "not_judged"}
            )
            finding_form = forms.FindingForm(*_bound(request), initial=initial, prefix="finding")
        else:
            summary_form = forms.SummaryForm(
                *_bound(request),
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
                )
            except services.AssessmentError as exc:
                decision_form.add_error(None, str(exc))
            else:
                messages.success(request, "Decision recorded. The council lead has been told.")
                return redirect("assessments:challenges", pk=assessment.pk)
    return render(
        request,
        "assessments/challenge_detail.html",
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
    assessment = _assessment(request.user, pk)
    policy.require(policy.can_view_challenges(request.user, assessment), hide=True)
    attachment = get_object_or_404(
        ChallengeAttachment,
        pk=attachment_pk,
        challenge_id=challenge_pk,
        challenge__assessment=assessment,
    )
    try:
        handle = storages["private"].open(attachment.stored_name, "rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def deadline_extend(request, pk: int):
    assessment = _assessment(request.user, pk)
    policy.require(
        policy.can_extend_deadline(request.user, assessment),
        message="Only an admin can extend the deadline, during the factual accuracy check.",
    )
    form = forms.DeadlineExtensionForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_extend(
                actor=request.user,
                assessment=assessment,
                new_due_on=form.cleaned_data["new_due_on"],
                reason=form.cleaned_data["reason"],
            )
        except services.AssessmentError as exc:
            form.add_error("new_due_on", str(exc))
        else:
            messages.success(request, "Deadline extended.")
            return redirect("assessments:challenges", pk=assessment.pk)
    return render(
        request,
        "assessments/deadline_form.html",
        {"assessment": assessment, "form": form, "today": timezone.localdate()},
    )
