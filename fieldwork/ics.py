"""Sessions as iCalendar (RFC 5545) files, made with the maintained `icalendar` library."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings

from fieldwork.models import Session

PRODID = "-//Assess adult social care//Fieldwork sessions//EN"


def _uid(session: Session) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"fieldwork-session-{session.pk}@{host or 'assess-asc'}"


def _event(session: Session) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(session))
    event.add("dtstamp", session.created_at)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", f"{session.get_kind_display()}: {session.title}")
    where = session.location or session.video_link
    if where:
        event.add("location", where)
    people = ", ".join(session.participant_labels) or "to be confirmed"
    lines = [
        f"Assessment of {session.assessment.council.name}.",
        f"Participants: {people}.",
        f"Assessors: {', '.join(user.display_name for user in session.assessors.all())}.",
    ]
    if session.with_experts_by_experience:
        lines.append("With Experts by Experience.")
    if session.video_link:
        lines.append(f"Video link: {session.video_link}")
    if session.assessment.is_demo:
        lines.append("Demo data (synthetic).")
    event.add("description", "\n".join(lines))
    return event


def calendar_bytes(sessions: Iterable[Session], *, name: str) -> bytes:
    """A VCALENDAR holding one VEVENT per session (times in UTC)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(_event(session))
    return calendar.to_ical()
