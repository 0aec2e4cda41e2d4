"""The on-site programme: calendars, scheduling, notes and ICS downloads."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import policy
from core import idempotency
from core.forms import as_typed_date
from fieldwork import ics, selectors, services
from fieldwork.errors import FieldworkError
from fieldwork.forms import SessionForm, SessionNotesForm
from fieldwork.models import Session
from fieldwork.views.common import add_service_error, fieldwork_assessment, programme_session


def _ics_response(sessions, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        ics.calendar_bytes(sessions, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def session_list(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    return render(
        request,
        "fieldwork/sessions.html",
        {
            "assessment": assessment,
            "days": selectors.sessions_by_day(selectors.sessions_for(assessment)),
            "can_schedule": policy.can_schedule_sessions(request.user, assessment),
            "can_view_notes": policy.can_view_session_notes(request.user, assessment),
        },
    )


@require_GET
def sessions_ics(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    return _ics_response(
        selectors.sessions_for(assessment),
        name=f"Site visit: {assessment.council.name}",
        filename=f"site-visit-{slugify(assessment.council.name)}-{assessment.pk}.ics",
    )


@require_GET
def my_calendar(request):
    policy.require(policy.can_view_own_calendar(request.user))
    return render(
        request,
        "fieldwork/my_calendar.html",
        {"days": selectors.sessions_by_day(selectors.assessor_sessions(request.user))},
    )


@require_GET
def my_calendar_ics(request):
    policy.require(policy.can_view_own_calendar(request.user))
    return _ics_response(
        selectors.assessor_sessions(request.user),
        name=f"Site visits: {request.user.display_name}",
        filename="my-site-visit-sessions.ics",
    )


@require_http_methods(["GET", "POST"])
def session_create(request, pk: int):
    assessment = fieldwork_assessment(request, pk)
    policy.require(
        policy.can_schedule_sessions(request.user, assessment),
        message="Only the assessment team schedules sessions.",
    )
    if request.method == "POST":
        form = SessionForm(request.POST, assessment=assessment)
        if form.is_valid():
            data = form.cleaned_data
            starts_at, ends_at = form.datetimes()
            try:
                session, _ = idempotency.run_once(
                    user=request.user,
                    scope=f"fieldwork.session:{assessment.pk}",
                    key=data["idempotency_key"],
                    create=lambda: services.session_create(
                        actor=request.user,
                        assessment=assessment,
                        kind=data["kind"],
                        title=data["title"],
                        starts_at=starts_at,
                        ends_at=ends_at,
                        assessors=list(data["assessors"]),
                        participant_roles=data["participant_roles"],
                        with_experts_by_experience=data["with_experts_by_experience"],
                        location=data["location"],
                        video_link=data["video_link"],
                        invite_council=data["invite_council"],
                    ),  # fmt: skip
                    find=lambda pk: Session.objects.get(pk=pk),
                )
            except FieldworkError as exc:
                field = {"starts_at": "starts_at", "ends_at": "ends_at"}.get(exc.field, exc.field)
                form.add_error(field if field in form.fields else None, str(exc))
            else:
                messages.success(request, f"Session “{session.title}” scheduled.")
                return redirect("fieldwork:sessions", pk=assessment.pk)
    else:
        form = SessionForm(
            assessment=assessment,
            initial={"day": as_typed_date(assessment.site_visit_on or timezone.localdate())},
        )
    return render(
        request,
        "fieldwork/session_form.html",
        {"assessment": assessment, "form": form},
        status=400 if form.errors else 200,
    )


def _session_page(request, session, *, form=None, status=200):
    assessment = session.assessment
    can_record = (
        policy.can_record_session_notes(request.user, assessment)
        and session.notes_recorded_at is None
        and session.ends_at <= timezone.now()
    )
    return render(
        request,
        "fieldwork/session_detail.html",
        {
            "assessment": assessment,
            "session": session,
            "can_view_notes": policy.can_view_session_notes(request.user, assessment),
            "can_record": can_record,
            "form": form or SessionNotesForm(assessment=assessment),
        },
        status=status,
    )


@require_GET
def session_detail(request, pk: int):
    return _session_page(request, programme_session(request, pk))


@require_POST
def session_notes(request, pk: int):
    session = programme_session(request, pk)
    policy.require(
        policy.can_record_session_notes(request.user, session.assessment),
        message="Only the assessment team records session notes.",
    )
    form = SessionNotesForm(request.POST, assessment=session.assessment)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.session_notes_record(
                actor=request.user, session=session, notes=data["notes"],
                statements=list(data["statements"]), direction=data["direction"],
            )  # fmt: skip
        except FieldworkError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Notes recorded as evidence.")
            return redirect(session)
    return _session_page(request, session, form=form, status=400)
