"""The information return (issue, task list, answers, submit, reopen), the template page and
the self-assessment's overview (its forms are in views/self_assessment.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

import policy
from core import uploads
from core.forms import as_typed_date
from returns import selectors
from returns.forms import AnswerForm, IssueReturnForm, NoteForm
from returns.services import ReturnsError, StaleAnswerError
from returns.services import returns as services
from returns.views.common import (
    add_service_error,
    once,
    or_404,
    portal_assessment,
    stream_file,
)


@require_GET
def template_page(request):
    """The current information return template: its items by theme and where they come from."""
    policy.require(policy.can_view_return_template(request.user))
    template = selectors.current_template()
    if template is None:
        raise Http404("No information return template.")
    return render(
        request,
        "returns/template.html",
        {"template": template, "items": selectors.template_items(template)},
    )


@require_GET
def portal(request):
    """The assessments whose council portal the user may see, with return progress."""
    rows = []
    for assessment in selectors.portal_assessments(request.user):
        information_return = getattr(assessment, "information_return", None)
        rows.append(
            {
                "assessment": assessment,
                "return": information_return,
                "progress": information_return and selectors.return_progress(information_return),
            }
        )
    return render(request, "returns/portal.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def issue(request, pk: int):
    assessment = portal_assessment(request, pk)
    policy.require(
        policy.can_issue_return(request.user, assessment),
        message="Only the lead assessor can issue the information return, before scoring.",
    )
    if selectors.information_return_for(assessment) is not None:
        messages.info(request, "The information return has already been issued.")
        return redirect("returns:task_list", pk=assessment.pk)
    if request.method == "POST":
        form = IssueReturnForm(request.POST)
        if form.is_valid():
            try:
                url = once(
                    request,
                    form,
                    scope=f"returns.issue:{assessment.pk}",
                    create=lambda: services.return_issue(
                        actor=request.user,
                        assessment=assessment,
                        due_on=form.cleaned_data["due_on"],
                    ),
                    find=lambda _id: selectors.information_return_for(assessment),
                ).get_absolute_url()
            except ReturnsError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request, "Information return issued. The council's leads have been emailed."
                )
                return redirect(url)
        status = 400
    else:
        due = services.return_default_due(timezone.localdate())
        form = IssueReturnForm(initial={"due_on": as_typed_date(due)})
        status = 200
    template = selectors.current_template()
    return render(
        request,
        "returns/issue.html",
        {
            "assessment": assessment,
            "form": form,
            "template": template,
            "due_days": settings.RETURN_DUE_WORKING_DAYS,
        },
        status=status,
    )


@require_GET
def task_list(request, pk: int):
    """The council's task list (GOV.UK pattern): items by theme, statuses, days left."""
    assessment = portal_assessment(request, pk)
    information_return = selectors.information_return_for(assessment)
    context = {
        "assessment": assessment,
        "information_return": information_return,
        "can_issue": policy.can_issue_return(request.user, assessment),
        "can_submit": policy.can_submit_return(request.user, assessment),
        "can_reopen": policy.can_manage_requests(request.user, assessment),
        "can_answer": policy.can_answer_for_council(request.user, assessment),
        "is_team": policy.acts_for_team(request.user, assessment),
        "requests": selectors.requests_for(assessment),
    }
    if information_return is not None:
        context["groups"] = selectors.task_list(information_return)
        context["progress"] = selectors.return_progress(information_return)
    return render(request, "returns/task_list.html", context)


def _answer_for(request, pk: int, answer_pk: int):
    assessment = portal_assessment(request, pk)
    return assessment, or_404(selectors.answer_in_assessment, assessment, answer_pk)


@require_http_methods(["GET", "POST"])
def answer(request, pk: int, answer_pk: int):
    """One item: the council answers it (files, link, text, status); the team reads it and
    may accept it as evidence."""
    assessment, answer = _answer_for(request, pk, answer_pk)
    can_answer = (
        policy.can_answer_for_council(request.user, assessment)
        and not answer.information_return.is_submitted
    )
    status, kept, stale = 200, [], False
    if request.method == "POST":
        policy.require(can_answer, message="This return cannot be changed now.")
        form = AnswerForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.answer_update(
                    actor=request.user,
                    answer=answer,
                    version=data["version"],
                    status=data["status"],
                    text=data["text"],
                    link=data["link"],
                    not_held_reason=data["not_held_reason"],
                    files=uploads.post_files(request, form),
                )
            except ReturnsError as exc:
                add_service_error(form, exc)
                stale = isinstance(exc, StaleAnswerError)
            else:
                messages.success(request, f"“{answer.item.title}” saved.")
                return redirect("returns:task_list", pk=assessment.pk)
        kept = uploads.keep_post_files(request, form, add=not stale)
        status = 400
    else:
        form = AnswerForm(
            initial={
                "text": answer.text,
                "link": answer.link,
                "status": answer.status,
                "not_held_reason": answer.not_held_reason,
                "version": answer.version,
            }
        )
    return render(
        request,
        "returns/answer.html",
        {
            "assessment": assessment,
            "answer": answer,
            "item": answer.item,
            "files": selectors.answer_files(answer),
            "kept": kept,
            "form": form,
            "can_answer": can_answer,
            "can_accept": policy.can_accept_as_evidence(request.user, assessment),
            "evidence": getattr(answer, "evidence", None),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def submit(request, pk: int):
    assessment = portal_assessment(request, pk)
    policy.require(
        policy.can_submit_return(request.user, assessment),
        message="Only a council lead can submit the return.",
    )
    information_return = selectors.information_return_for(assessment)
    if information_return is None:
        raise Http404("No information return.")
    error = ""
    if request.method == "POST":
        try:
            services.return_submit(actor=request.user, information_return=information_return)
        except ReturnsError as exc:
            error = str(exc)
        else:
            messages.success(
                request, "Information return submitted. The assessment team has been told."
            )
            return redirect("returns:task_list", pk=assessment.pk)
    return render(
        request,
        "returns/submit.html",
        {
            "assessment": assessment,
            "information_return": information_return,
            "progress": selectors.return_progress(information_return),
            "error": error,
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def reopen(request, pk: int):
    assessment = portal_assessment(request, pk)
    policy.require(
        policy.can_manage_requests(request.user, assessment),
        message="Only the assessment team can reopen the return.",
    )
    information_return = selectors.information_return_for(assessment)
    if information_return is None:
        raise Http404("No information return.")
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_reopen(
                actor=request.user,
                information_return=information_return,
                note=form.cleaned_data["note"],
            )
        except ReturnsError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The return is open again; the council has been told.")
            return redirect("returns:task_list", pk=assessment.pk)
    return render(
        request,
        "returns/reopen.html",
        {"assessment": assessment, "information_return": information_return, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def file_download(request, pk: int):
    """A council file, for whoever may see the assessment's portal."""
    stored, assessment = or_404(selectors.return_file, pk)
    policy.require(policy.can_view_council_portal(request.user, assessment), hide=True)
    return stream_file(stored)


# ---- self-assessment ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def self_assessment(request, pk: int):
    """All themes' narratives; a council lead may submit the drafts (POST)."""
    assessment = portal_assessment(request, pk)
    error = ""
    if request.method == "POST":
        policy.require(
            policy.can_submit_return(request.user, assessment),
            message="Only a council lead can submit the self-assessment.",
        )
        try:
            count = services.self_assessment_submit(actor=request.user, assessment=assessment)
        except ReturnsError as exc:
            error = str(exc)
        else:
            messages.success(request, f"{count} section{'s' if count != 1 else ''} submitted.")
            return redirect("returns:self_assessment", pk=assessment.pk)
    return render(
        request,
        "returns/self_assessment.html",
        {
            "assessment": assessment,
            "themes": selectors.self_assessment_sections(assessment),
            "can_edit": policy.can_answer_for_council(request.user, assessment),
            "can_submit": policy.can_submit_return(request.user, assessment),
            "error": error,
        },
        status=400 if error else 200,
    )
