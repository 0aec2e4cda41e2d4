"""Emails of the council portal, sent after commit with ids (each re-reads what it needs).
One message per recipient; every link is absolute (settings.SITE_URL)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from councils.models import Council
from returns import selectors
from returns.models import DocumentRequest, InformationReturn, ReminderKind


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(recipients, subject: str, template: str, context: dict) -> int:
    messages = [
        EmailMessage(
            subject=subject,
            body=render_to_string(template, {**context, "recipient": user}),
            to=[user.email],
        )
        for user in recipients
        if user.email
    ]
    return (get_connection().send_messages(messages) or 0) if messages else 0


def return_issued(return_id: int) -> int:
    """To the council's leads: the information return is issued, with its due date."""
    information_return = InformationReturn.objects.select_related("assessment__council").get(
        pk=return_id
    )
    assessment = information_return.assessment
    return _send(
        selectors.council_leads(assessment),
        f"Information return for the assessment of {assessment.council.name}",
        "emails/returns_issued.txt",
        {
            "information_return": information_return,
            "url": absolute_url(information_return.get_absolute_url()),
        },
    )


def return_submitted(return_id: int) -> int:
    """To the team: the council submitted its return."""
    information_return = InformationReturn.objects.select_related("assessment__council").get(
        pk=return_id
    )
    return _send(
        selectors.team_members(information_return.assessment),
        f"{information_return.assessment.council.name} submitted its information return",
        "emails/returns_submitted.txt",
        {
            "information_return": information_return,
            "url": absolute_url(information_return.get_absolute_url()),
        },
    )


def request_raised(request_id: int) -> int:
    """To the council's leads and contributors: a new document request."""
    request = DocumentRequest.objects.select_related("assessment__council").get(pk=request_id)
    return _send(
        selectors.council_members(request.assessment),
        f"Document request: {request.title}",
        "emails/returns_request.txt",
        {"request": request, "url": absolute_url(request.get_absolute_url()), "reminder": ""},
    )


def request_reminder(request_id: int, kind: str) -> int:
    """To the council's leads and contributors: a request is due soon, or today."""
    request = DocumentRequest.objects.select_related("assessment__council").get(pk=request_id)
    when = "in two working days" if kind == ReminderKind.BEFORE_DUE else "today"
    return _send(
        selectors.council_members(request.assessment),
        f"Reminder: document request due {when}: {request.title}",
        "emails/returns_request.txt",
        {"request": request, "url": absolute_url(request.get_absolute_url()), "reminder": when},
    )


def contributor_invited(user_id: int, council_id: int) -> int:
    """To a new contributor: a link to set their password (Django's one-time token)."""
    user = User.objects.get(pk=user_id)
    council = Council.objects.get(pk=council_id)
    path = reverse(
        "returns:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return _send(
        [user],
        f"You have been added as a contributor for {council.name}",
        "emails/returns_invited.txt",
        {"council": council, "url": absolute_url(path)},
    )
