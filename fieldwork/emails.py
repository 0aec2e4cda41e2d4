"""Emails of the fieldwork app, sent after commit with ids (each re-reads what it needs)."""

from __future__ import annotations

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string

from fieldwork import ics, selectors
from returns.emails import absolute_url
from returns.selectors import council_leads


def session_invitation(session_id: int) -> int:
    """To the council's leads: the session's details with its ICS file attached."""
    session = selectors.session_for(session_id)
    attachment = ics.calendar_bytes([session], name=session.title)
    programme = absolute_url(selectors.programme_url(session.assessment))
    messages = []
    for user in council_leads(session.assessment):
        if not user.email:
            continue
        message = EmailMessage(
            subject=f"Site visit session: {session.title}",
            body=render_to_string(
                "emails/fieldwork_session_invitation.txt",
                {"session": session, "recipient": user, "url": programme},
            ),
            to=[user.email],
        )
        message.attach(f"session-{session.pk}.ics", attachment, "text/calendar")
        messages.append(message)
    return (get_connection().send_messages(messages) or 0) if messages else 0
