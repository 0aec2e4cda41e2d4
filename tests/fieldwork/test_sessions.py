"""Site-visit sessions: double booking, ICS, invitations, notes into evidence, overdue notes."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from assessments.models import QualityStatement
from fieldwork import ics, selectors, services
from fieldwork.models import Session

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


def book(assessment, actor, who, start, end, **extra):
    values = {
        "kind": "interview", "title": "Director interview", "participant_roles": ["director"],
        "location": "Endeavour House, Ipswich", "invite_council": False,
    }  # fmt: skip
    values.update(extra)
    return services.session_create(
        actor=actor, assessment=assessment, starts_at=start, ends_at=end, assessors=who, **values
    )


def test_double_booking_is_refused_with_a_clear_message(assessment, lead_assessor, assessor):
    book(assessment, lead_assessor, [lead_assessor], at(2, 10), at(2, 11))
    with pytest.raises(services.FieldworkError) as caught:
        book(assessment, assessor, [assessor, lead_assessor], at(2, 10, 30), at(2, 12))
    assert str(caught.value).startswith(
        f"{lead_assessor.display_name} is already booked from 2 March 2026, 10:00 to 11:00"
    )
    assert caught.value.field == "starts_at"
    # Back to back is not a clash.
    book(assessment, assessor, [lead_assessor], at(2, 11), at(2, 12))
    assert Session.objects.count() == 2


def test_assessors_must_be_in_the_team(assessment, lead_assessor, outside_assessor):
    with pytest.raises(services.FieldworkError, match="members of the assessment team"):
        book(assessment, lead_assessor, [outside_assessor], at(2, 10), at(2, 11))


def test_council_leads_are_invited_with_the_ics(
    assessment, lead_assessor, council_lead, django_capture_on_commit_callbacks
):
    council_lead.email = "lead@suffolk.example"
    council_lead.save()
    with django_capture_on_commit_callbacks(execute=True):
        session = book(
            assessment, lead_assessor, [lead_assessor], at(2, 10), at(2, 11), invite_council=True
        )
    assert [m.to for m in mail.outbox] == [["lead@suffolk.example"]]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == (f"session-{session.pk}.ics", "text/calendar")
    assert (
        icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"]
        == "Interview: Director interview"
    )


def test_ics_is_valid_icalendar_parsed_back_by_the_library(assessment, lead_assessor, assessor):
    first = book(assessment, lead_assessor, [lead_assessor], at(2, 10), at(2, 11))
    second = book(
        assessment, lead_assessor, [assessor], at(3, 14), at(3, 16), kind="focus_group",
        title="Carers' focus group", participant_roles=["unpaid_carers"], location="",
        video_link="https://video.example/carers", with_experts_by_experience=True,
    )  # fmt: skip
    data = ics.calendar_bytes(selectors.sessions_for(assessment), name="Suffolk site visit")
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]).split("@")[0] for e in events] == [
        f"fieldwork-session-{first.pk}",
        f"fieldwork-session-{second.pk}",
    ]
    assert events[0].decoded("DTSTART") == at(2, 10)
    assert events[1].decoded("DTEND") == at(3, 16)
    assert str(events[1]["LOCATION"]) == "https://video.example/carers"
    assert "With Experts by Experience." in str(events[1]["DESCRIPTION"])


def test_notes_become_evidence_by_participants(assessment, lead_assessor, assessor):
    session = book(
        assessment, lead_assessor, [assessor], at(2, 10), at(2, 11),
        participant_roles=["people_who_use_services", "front_line_staff"], kind="drop_in",
        title="Drop-in",
    )  # fmt: skip
    statements = list(QualityStatement.objects.filter(framework=assessment.framework, number=4))
    services.session_notes_record(
        actor=assessor, session=session, notes="People said…", statements=statements
    )
    session.refresh_from_db()
    items = sorted(session.evidence_items.all(), key=lambda i: i.category.order)
    assert [i.category.code for i in items] == ["peoples-experience", "staff-leaders-feedback"]
    assert [i.contains_personal_data for i in items] == [True, False]
    assert items[0].fieldwork_sessions.get() == session
    with pytest.raises(services.FieldworkError, match="already recorded"):
        services.session_notes_record(
            actor=assessor, session=session, notes="x", statements=statements
        )


def test_notes_before_the_session_ends_are_refused(assessment, lead_assessor):
    start = timezone.now() + datetime.timedelta(days=1)
    session = book(
        assessment, lead_assessor, [lead_assessor], start, start + datetime.timedelta(hours=1)
    )
    statements = list(QualityStatement.objects.filter(framework=assessment.framework, number=4))
    with pytest.raises(services.FieldworkError, match="after the session has ended"):
        services.session_notes_record(
            actor=lead_assessor, session=session, notes="x", statements=statements
        )


def test_overdue_after_two_working_days(assessment, lead_assessor):
    # Friday 6 March 2026: notes due by Tuesday 10 March (two working days), overdue on the 11th.
    book(assessment, lead_assessor, [lead_assessor], at(6, 10), at(6, 11))
    sessions = selectors.sessions_for(assessment)
    [day] = selectors.sessions_by_day(sessions, today=datetime.date(2026, 3, 10))
    assert not day.sessions[0].overdue and day.sessions[0].notes_due_on == datetime.date(
        2026, 3, 10
    )
    [day] = selectors.sessions_by_day(
        selectors.sessions_for(assessment), today=datetime.date(2026, 3, 11)
    )
    assert day.sessions[0].overdue
