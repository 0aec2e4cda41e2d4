"""Case tracking pages: the council's upload, the case list and sample, one case."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import policy
from core import idempotency
from core.csv_import import CsvImportError
from core.forms import as_typed_date
from fieldwork import sampling, selectors, services
from fieldwork.errors import FieldworkError
from fieldwork.forms import (
    CaseListForm,
    ConsentForm,
    ContactForm,
    JourneyNoteForm,
    SampleChangeForm,
    SampleForm,
)
from fieldwork.models import ContactAttempt, JourneyNote
from fieldwork.services.cases import STRATA_COLUMNS
from fieldwork.views.common import add_service_error, fieldwork_assessment, team_case


@require_GET
def overview(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    can_view_cases = policy.can_view_cases(request.user, assessment)
    draw = selectors.current_draw(assessment) if can_view_cases else None
    return render(
        request,
        "fieldwork/overview.html",
        {
            "assessment": assessment,
            "case_list": selectors.case_list_for(assessment),
            "can_upload": policy.can_upload_case_list(request.user, assessment),
            "can_view_cases": can_view_cases,
            "can_view_sufficiency": policy.can_view_sufficiency(request.user, assessment),
            "draw": draw,
            "progress": selectors.sample_progress(assessment, draw) if can_view_cases else None,
        },
    )


@require_http_methods(["GET", "POST"])
def case_upload(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    policy.require(
        policy.can_upload_case_list(request.user, assessment),
        message="Only the council uploads its case list, before scoring starts.",
    )
    form = CaseListForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            case_list = services.case_list_upload(
                actor=request.user, assessment=assessment, data=upload.read(), name=upload.name
            )
        except CsvImportError as exc:
            errors = exc.shown_errors
            form.add_error("file", "The file has problems: nothing was loaded (see the list).")
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Case list uploaded: {case_list.row_count} cases.")
            return redirect("fieldwork:overview", pk=assessment.pk)
    return render(
        request,
        "fieldwork/case_upload.html",
        {
            "assessment": assessment,
            "form": form,
            "errors": errors,
            "case_list": selectors.case_list_for(assessment),
        },
        status=400 if form.errors else 200,
    )


def _require_cases(request, assessment) -> None:
    policy.require(
        policy.can_view_cases(request.user, assessment),
        message="Case data is seen by the assessment team only.",
    )


@require_GET
def case_list(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    _require_cases(request, assessment)
    draw = selectors.current_draw(assessment)
    return render(
        request,
        "fieldwork/cases.html",
        {
            "assessment": assessment,
            "cases": selectors.cases_for(assessment),
            "draw": draw,
            "strata_labels": [STRATA_COLUMNS[c] for c in draw.strata] if draw else [],
            "progress": selectors.sample_progress(assessment, draw),
            "can_draw": policy.can_draw_sample(request.user, assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def sample_draw(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    _require_cases(request, assessment)
    policy.require(
        policy.can_draw_sample(request.user, assessment),
        message="The sample is drawn by the team before scoring starts.",
    )
    draw = selectors.current_draw(assessment)
    form = SampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.sample_draw(
                actor=request.user, assessment=assessment, strata=data["strata"],
                size=data["size"], aim=data["aim"], seed=data["seed"], reason=data["reason"],
            )  # fmt: skip
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, f"Sample of {len(new.case_references)} drawn (seed {new.seed})."
            )
            return redirect("fieldwork:cases", pk=assessment.pk)
    return render(
        request,
        "fieldwork/sample_form.html",
        {"assessment": assessment, "form": form, "draw": draw, "method": sampling.__doc__},
        status=400 if form.errors else 200,
    )


def _case_page(request, case, *, status=200, **forms):
    assessment = case.assessment
    today = as_typed_date(timezone.localdate())
    defaults = {
        "consent_form": ConsentForm(initial={"on": today}),
        "contact_form": ContactForm(initial={"on": today}),
        "note_form": JourneyNoteForm(assessment=assessment, initial={"on": today}),
        "change_form": SampleChangeForm(initial={"kind": "drop" if case.in_sample else "add"}),
    }
    defaults.update(forms)
    return render(
        request,
        "fieldwork/case_detail.html",
        {
            "assessment": assessment,
            "case": case,
            "can_track": policy.can_track_cases(request.user, assessment),
            "can_change": policy.can_draw_sample(request.user, assessment),
            **defaults,
        },
        status=status,
    )


@require_GET
def case_detail(request, pk: int):
    return _case_page(request, team_case(request, pk))


@require_POST
def case_consent(request, pk: int):
    case = team_case(request, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.case_consent_record(
                actor=request.user, case=case, status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
            )  # fmt: skip
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Consent recorded.")
            return redirect(case)
    return _case_page(request, case, status=400, consent_form=form)


@require_POST
def case_contact(request, pk: int):
    case = team_case(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            idempotency.run_once(
                user=request.user,
                scope=f"fieldwork.contact:{case.pk}",
                key=data["idempotency_key"],
                create=lambda: services.contact_attempt_create(
                    actor=request.user,
                    case=case,
                    on=data["on"],
                    method=data["method"],
                    outcome=data["outcome"],
                    details=data["details"],
                ),  # fmt: skip
                find=lambda pk: ContactAttempt.objects.get(pk=pk),
            )
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Contact attempt recorded.")
            return redirect(case)
    return _case_page(request, case, status=400, contact_form=form)


@require_POST
def case_note(request, pk: int):
    case = team_case(request, pk)
    form = JourneyNoteForm(request.POST, assessment=case.assessment)
    if form.is_valid():
        data = form.cleaned_data
        try:
            idempotency.run_once(
                user=request.user,
                scope=f"fieldwork.note:{case.pk}",
                key=data["idempotency_key"],
                create=lambda: services.journey_note_create(
                    actor=request.user,
                    case=case,
                    text=data["text"],
                    statements=list(data["statements"]),
                    on=data["on"],
                    direction=data["direction"],
                ),  # fmt: skip
                find=lambda pk: JourneyNote.objects.get(pk=pk),
            )
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Journey note recorded as people's experience evidence.")
            return redirect(case)
    return _case_page(request, case, status=400, note_form=form)


@require_POST
def case_sample(request, pk: int):
    case = team_case(request, pk)
    form = SampleChangeForm(request.POST)
    if form.is_valid():
        try:
            services.sample_change(
                actor=request.user, case=case, kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Sample changed.")
            return redirect(case)
    return _case_page(request, case, status=400, change_form=form)
