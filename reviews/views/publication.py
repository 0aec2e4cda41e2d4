"""Pages that decide when a draft may be published (issue 16): the council's confirmation,
an admin's early-publication override, and pre-election publication pauses."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

import policy
from assessments.errors import AssessmentError
from core import idempotency
from councils.selectors import council_list
from reviews import forms, selectors, services
from reviews.models import PublicationPause
from reviews.views.findings import assessment_for, bound


@require_http_methods(["GET", "POST"])
def confirm(request, pk: int):
    """A council lead confirms "no comments" or "all our comments are in"."""
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_confirm_factual_accuracy(request.user, assessment),
        message="Council leads of this council confirm, during the factual accuracy check.",
    )
    form = forms.ConfirmationForm(*bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.factual_accuracy_confirm(
                actor=request.user, assessment=assessment, kind=form.cleaned_data["kind"]
            )
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Confirmed. The assessment team has been told.")
            return redirect("reviews:challenges", pk=assessment.pk)
    return render(
        request,
        "reviews/confirm_form.html",
        {
            "assessment": assessment,
            "form": form,
            "confirmation": selectors.fa_confirmation(assessment=assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def publication_override(request, pk: int):
    """An admin records the reason to publish before the deadline without confirmation."""
    assessment = assessment_for(request.user, pk)
    policy.require(
        policy.can_override_publication(request.user, assessment),
        message="Only an admin can authorise early publication, during the check.",
    )
    form = forms.PublicationOverrideForm(*bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_override_record(
                actor=request.user, assessment=assessment, reason=form.cleaned_data["reason"]
            )
        except AssessmentError as exc:
            form.add_error("reason", str(exc))
        else:
            messages.success(request, "Early publication authorised; the reason is recorded.")
            return redirect(assessment)
    return render(request, "reviews/override_form.html", {"assessment": assessment, "form": form})


@require_http_methods(["GET", "POST"])
def publication_pauses(request):
    """Pre-election publication pauses: the list, and a form to add one (admins)."""
    policy.require(
        policy.can_manage_publication_pauses(request.user),
        message="Only admins manage publication pauses.",
    )
    form = forms.PublicationPauseForm(*bound(request), councils=council_list())
    if request.method == "POST" and form.is_valid():
        try:
            idempotency.run_once(
                user=request.user,
                scope="publication_pause.create",
                key=form.cleaned_data["idempotency_key"],
                create=lambda: services.publication_pause_create(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                    councils=form.cleaned_data["councils"],
                ),
                find=lambda pk: selectors.publication_pause_get(pk=int(pk)),
            )
        except AssessmentError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Publication pause added.")
            return redirect("reviews:publication_pauses")
    return render(
        request,
        "reviews/publication_pauses.html",
        {"form": form, "pauses": selectors.publication_pause_rows(today=timezone.localdate())},
    )


@require_http_methods(["GET", "POST"])
def publication_pause_end(request, pause_pk: int):
    """Confirm, then end a publication pause early (or remove one not begun yet): admins."""
    policy.require(
        policy.can_manage_publication_pauses(request.user),
        message="Only admins manage publication pauses.",
    )
    try:
        pause = selectors.publication_pause_get(pk=pause_pk)
    except PublicationPause.DoesNotExist:
        raise Http404("No such publication pause.") from None
    today = timezone.localdate()
    form = forms.PauseEndForm(*bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            ended = services.publication_pause_end(actor=request.user, pause=pause, today=today)
        except AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"{pause.name} was removed."
                if ended is None
                else f"{pause.name} ended on {ended.ends_on:%-d %B %Y}: publishing may go ahead.",
            )
            return redirect("reviews:publication_pauses")
    return render(
        request,
        "reviews/publication_pause_end.html",
        {
            "pause": pause,
            "form": form,
            "ending": selectors.publication_pause_ending(pause=pause, today=today),
            "yesterday": today - datetime.timedelta(days=1),
        },
    )
