"""Emails about an assessment's factual accuracy check and publication (challenges: in
`reviews.notifications`, which uses the helpers here).

Called after commit (services pass these with `transaction.on_commit`), with ids: each
re-reads what it needs. One message per recipient so no one sees another's address. Each
email links to the page with an absolute address built from settings.SITE_URL.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from assessments.models import Assessment


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def council_leads(assessment: Assessment) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            council_memberships__council_id=assessment.council_id,
            groups__name=GROUP_NAMES[Role.COUNCIL_LEAD],
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def team_members(assessment: Assessment) -> list[User]:
    return list(
        User.objects.filter(is_active=True, pk__in=assessment.team_user_ids())
        .exclude(email="")
        .order_by("pk")
    )


def send(recipients: Iterable[User], subject: str, template: str, context: dict) -> int:
    messages = [
        EmailMessage(
            subject=subject,
            body=render_to_string(template, {**context, "recipient": user}),
            to=[user.email],
        )
        for user in recipients
    ]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def draft_sent(assessment_id: int) -> int:
    """To the council's leads: the draft is ready for their factual accuracy check."""
    assessment = Assessment.objects.select_related("council").get(pk=assessment_id)
    return send(
        council_leads(assessment),
        f"Draft assessment of {assessment.council.name}: factual accuracy check",
        "emails/draft_sent.txt",
        {
            "assessment": assessment,
            "url": absolute_url(reverse("reviews:findings", args=[assessment.pk])),
        },
    )


def assessment_published(assessment_id: int) -> int:
    """To the team and the council's leads: the assessment is published."""
    assessment = Assessment.objects.select_related("council").get(pk=assessment_id)
    recipients = {user.pk: user for user in [*team_members(assessment), *council_leads(assessment)]}
    return send(
        recipients.values(),
        f"Assessment of {assessment.council.name} published",
        "emails/assessment_published.txt",
        {"assessment": assessment, "url": absolute_url(assessment.get_absolute_url())},
    )
