"""Emails about an assessment's factual accuracy check and publication.

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
from assessments.models import Assessment, Challenge


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


def _send(recipients: Iterable[User], subject: str, template: str, context: dict) -> int:
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
    return _send(
        council_leads(assessment),
        f"Draft assessment of {assessment.council.name}: factual accuracy check",
        "emails/draft_sent.txt",
        {
            "assessment": assessment,
            "url": absolute_url(reverse("assessments:findings", args=[assessment.pk])),
        },
    )


def challenge_raised(challenge_id: int) -> int:
    """To the assessment team: a council lead raised a challenge."""
    challenge = Challenge.objects.select_related(
        "assessment__council", "statement", "raised_by"
    ).get(pk=challenge_id)
    return _send(
        team_members(challenge.assessment),
        f"New factual accuracy challenge: {challenge.assessment.council.name}",
        "emails/challenge_raised.txt",
        {"challenge": challenge, "url": absolute_url(_challenge_path(challenge))},
    )


def challenge_decided(challenge_id: int) -> int:
    """To the council lead who raised the challenge: the team's decision."""
    challenge = Challenge.objects.select_related(
        "assessment__council", "statement", "raised_by", "decided_by"
    ).get(pk=challenge_id)
    recipients = [challenge.raised_by] if challenge.raised_by.email else []
    return _send(
        recipients,
        f"Decision on your challenge: {challenge.assessment.council.name}",
        "emails/challenge_decided.txt",
        {"challenge": challenge, "url": absolute_url(_challenge_path(challenge))},
    )


def assessment_published(assessment_id: int) -> int:
    """To the team and the council's leads: the assessment is published."""
    assessment = Assessment.objects.select_related("council").get(pk=assessment_id)
    recipients = {user.pk: user for user in [*team_members(assessment), *council_leads(assessment)]}
    return _send(
        recipients.values(),
        f"Assessment of {assessment.council.name} published",
        "emails/assessment_published.txt",
        {"assessment": assessment, "url": absolute_url(assessment.get_absolute_url())},
    )


def _challenge_path(challenge: Challenge) -> str:
    return reverse(
        "assessments:challenge_detail",
        kwargs={"pk": challenge.assessment_id, "challenge_pk": challenge.pk},
    )
