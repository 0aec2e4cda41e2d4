"""Pages of winter pressures surveys: national shares (suppressed in small groups), a
council's own answers (confidential unless it publishes), the portal form and the admins'
CSV upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

import policy
from councils import selectors as council_selectors
from national.upload_views import csv_upload_page
from winter import selectors, services
from winter.forms import ResponseForm


def _survey(code: str):
    survey = selectors.survey_get(code=code)
    if survey is None:
        raise Http404("No such survey.")
    return survey


@login_not_required
def survey_list(request):
    return render(request, "winter/survey_list.html", {"surveys": selectors.survey_list()})


@login_not_required
def survey_shares(request, code: str):
    """Shares of councils answering yes, with the number answering; small groups suppressed."""
    survey = _survey(code)
    return render(
        request,
        "winter/survey_shares.html",
        {
            "data": selectors.survey_shares(survey=survey),
            "published": selectors.published_responses(survey=survey),
            "can_upload": policy.can_load_picture_data(request.user),
        },
    )


def _council_and_response(request, code: str, gss_code: str):
    survey = _survey(code)
    council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
    return survey, council, selectors.council_response(survey=survey, council=council)


@login_not_required
def council_response(request, code: str, gss_code: str):
    """A council's own answers: public once it publishes them, else its own users and admins
    only (404 for anyone else: confidential answers are not disclosed)."""
    survey, council, response = _council_and_response(request, code, gss_code)
    policy.require(
        policy.can_view_council_winter_answers(
            request.user, council.pk, published=bool(response and response.published)
        ),
        hide=True,
    )
    return render(
        request,
        "winter/council_response.html",
        {
            "survey": survey,
            "council": council,
            "response": response,
            "can_enter": policy.can_enter_for_council(request.user, council.pk),
        },
    )


def response_edit(request, code: str, gss_code: str):
    """The council's own users (and admins) answer the survey."""
    survey, council, response = _council_and_response(request, code, gss_code)
    policy.require(
        policy.can_enter_for_council(request.user, council.pk),
        message="Only the council's own users can answer for it.",
    )
    questions = list(survey.questions.all())
    if request.method == "POST":
        form = ResponseForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                services.response_save(
                    actor=request.user,
                    survey=survey,
                    council=council,
                    answers=form.answers(),
                    published=form.cleaned_data["published"],
                )
            except services.WinterError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{council.name}'s answers are saved.")
                return redirect("winter:council", code=code, gss_code=gss_code)
    else:
        form = ResponseForm(
            questions=questions, initial=ResponseForm.initial_from(response) if response else None
        )
    return render(
        request, "winter/response_form.html", {"form": form, "survey": survey, "council": council}
    )


def answers_upload(request):
    """Admins load many councils' answers from a CSV file (all rows or none)."""
    return csv_upload_page(
        request,
        allowed=policy.can_load_picture_data(request.user),
        refusal="Only admins can upload winter pressures answers.",
        title="Upload winter pressures answers",
        format_text=services.ANSWERS_FORMAT,
        kind="winter",
        load=services.responses_import,
        loaded_message=lambda loaded, name: f"{loaded} councils' answers loaded from {name}.",
        success_url="winter:list",
    )
