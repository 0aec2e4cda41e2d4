"""Document requests: list, raise, answer, review; accepting answers as evidence."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

import policy
from core import uploads
from core.forms import as_typed_date
from returns import selectors
from returns.forms import AcceptEvidenceForm, RequestForm, ResponseForm, ReviewForm
from returns.models import DocumentRequest
from returns.services import ReturnsError
from returns.services import evidence as evidence_services
from returns.services import requests as services
from returns.views.common import (
    add_service_error,
    once,
    or_404,
    portal_assessment,
)


def _request_for(request, pk: int) -> DocumentRequest:
    document_request = or_404(selectors.request_for, pk)
    policy.require(
        policy.can_view_council_portal(request.user, document_request.assessment), hide=True
    )
    return document_request


@require_GET
def request_list(request, pk: int):
    assessment = portal_assessment(request, pk)
    return render(
        request,
        "returns/request_list.html",
        {
            "assessment": assessment,
            "requests": selectors.requests_for(assessment),
            "can_raise": policy.can_manage_requests(request.user, assessment),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def request_create(request, pk: int):
    assessment = portal_assessment(request, pk)
    policy.require(
        policy.can_manage_requests(request.user, assessment),
        message="Only the assessment team can raise requests while gathering evidence.",
    )
    if request.method == "POST":
        form = RequestForm(request.POST, assessment=assessment)
        if form.is_valid():
            data = form.cleaned_data
            try:
                url = once(
                    request,
                    form,
                    scope=f"returns.request:{assessment.pk}",
                    create=lambda: services.request_create(
                        actor=request.user,
                        assessment=assessment,
                        title=data["title"],
                        reason=data["reason"],
                        statements=data["statements"],
                        due_on=data["due_on"],
                    ),
                    find=lambda request_id: selectors.request_for(int(request_id)),
                ).get_absolute_url()
            except ReturnsError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Request sent to the council.")
                return redirect(url)
    else:
        due = services.request_default_due(timezone.localdate())
        form = RequestForm(assessment=assessment, initial={"due_on": as_typed_date(due)})
    return render(
        request,
        "returns/request_form.html",
        {"assessment": assessment, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def request_detail(request, pk: int):
    document_request = _request_for(request, pk)
    assessment = document_request.assessment
    can_answer = policy.can_answer_for_council(request.user, assessment)
    can_review = policy.can_manage_requests(request.user, assessment)
    return render(
        request,
        "returns/request_detail.html",
        {
            "assessment": assessment,
            "document_request": document_request,
            "responses": selectors.responses_for(document_request),
            "can_answer": can_answer and document_request.status not in ("accepted", "withdrawn"),
            "can_review": can_review and document_request.status not in ("accepted", "withdrawn"),
            "can_accept": policy.can_accept_as_evidence(request.user, assessment),
            "answer_form": ResponseForm(),
            "review_form": ReviewForm(initial={"version": document_request.version}),
        },
    )


@require_http_methods(["GET", "POST"])
def request_answer(request, pk: int):
    document_request = _request_for(request, pk)
    assessment = document_request.assessment
    policy.require(
        policy.can_answer_for_council(request.user, assessment),
        message="Requests can no longer be answered.",
    )
    form = ResponseForm(request.POST or None, request.FILES or None)
    kept = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            once(
                request,
                form,
                scope=f"returns.response:{document_request.pk}",
                create=lambda: services.response_create(
                    actor=request.user,
                    request=document_request,
                    text=data["text"],
                    link=data["link"],
                    files=uploads.post_files(request, form),
                ),
                find=selectors.response_for,
            )
        except ReturnsError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Answer sent to the assessment team.")
            return redirect(document_request)
    if request.method == "POST":
        kept = uploads.keep_post_files(request, form)
    return render(
        request,
        "returns/request_answer.html",
        {"assessment": assessment, "document_request": document_request, "form": form,
         "kept": kept},
        status=400 if form.errors else 200,
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def request_review(request, pk: int):
    document_request = _request_for(request, pk)
    assessment = document_request.assessment
    policy.require(
        policy.can_manage_requests(request.user, assessment),
        message="Only the assessment team can review requests.",
    )
    form = ReviewForm(request.POST or None, initial={"version": document_request.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_review(
                actor=request.user,
                request=document_request,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except ReturnsError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Request updated.")
            return redirect(document_request)
    return render(
        request,
        "returns/request_review.html",
        {"assessment": assessment, "document_request": document_request, "form": form},
        status=400 if form.errors else 200,
    )


# ---- into the evidence -------------------------------------------------------------------


def _accept(request, *, assessment, source, scope: str, initial: dict, kwargs: dict, back: str):
    policy.require(
        policy.can_accept_as_evidence(request.user, assessment),
        message="Only the assessment team can add evidence while it can be changed.",
    )
    files = (
        selectors.answer_files(source) if "answer" in kwargs else selectors.response_files(source)
    )
    existing = selectors.evidence_of(source)
    if existing is not None:
        messages.info(request, "This answer is already evidence.")
        return redirect(existing.evidence_item)
    if request.method == "POST":
        form = AcceptEvidenceForm(request.POST, assessment=assessment)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "idempotency_key"}
            try:
                url = once(
                    request,
                    form,
                    scope=f"returns.accept:{scope}",
                    create=lambda: evidence_services.evidence_accept(
                        actor=request.user, **kwargs, **data
                    ),
                    find=selectors.evidence_item,
                ).get_absolute_url()
            except ReturnsError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Accepted as evidence.")
                return redirect(url)
    else:
        form = AcceptEvidenceForm(assessment=assessment, initial=initial)
    return render(
        request,
        "returns/accept_evidence.html",
        {"assessment": assessment, "form": form, "back": back, "files": files},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def accept_answer(request, pk: int):
    """A return item's answer as evidence, in one step (statements and text prefilled)."""
    answer = or_404(selectors.answer_with_assessment, pk)
    assessment = answer.information_return.assessment
    policy.require(policy.can_view_council_portal(request.user, assessment), hide=True)
    initial = {
        "statements": selectors.item_statements(answer.item),
        "title": answer.item.title,
        "narrative": answer.text or answer.link or f"Information return item: {answer.item.title}",
        "effective_date": as_typed_date(timezone.localdate()),
    }
    back = selectors.answer_url(answer)
    return _accept(request, assessment=assessment, source=answer, scope=f"answer:{answer.pk}",
                   initial=initial, kwargs={"answer": answer}, back=back)  # fmt: skip


@require_http_methods(["GET", "POST"])
def accept_response(request, pk: int):
    """A request's answer as evidence, in one step (statements and text prefilled)."""
    response = or_404(selectors.response_for, pk)
    document_request = response.request
    assessment = document_request.assessment
    policy.require(policy.can_view_council_portal(request.user, assessment), hide=True)
    initial = {
        "statements": selectors.request_statements(document_request),
        "title": document_request.title,
        "narrative": response.text or response.link or document_request.reason,
        "effective_date": as_typed_date(timezone.localdate()),
    }
    return _accept(request, assessment=assessment, source=response,
                   scope=f"response:{response.pk}", initial=initial, kwargs={"response": response},
                   back=document_request.get_absolute_url())  # fmt: skip
