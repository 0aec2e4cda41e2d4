"""Emails about factual accuracy challenges: to the team when one is raised, to the council
lead who raised it when it is decided. Called after commit, with ids."""

from __future__ import annotations

from django.urls import reverse

from assessments.notifications import absolute_url, send, team_members
from reviews.models import Challenge


def challenge_raised(challenge_id: int) -> int:
    """To the assessment team: a council lead raised a challenge."""
    challenge = Challenge.objects.select_related(
        "assessment__council", "statement", "raised_by"
    ).get(pk=challenge_id)
    return send(
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
    return send(
        recipients,
        f"Decision on your challenge: {challenge.assessment.council.name}",
        "emails/challenge_decided.txt",
        {"challenge": challenge, "url": absolute_url(_challenge_path(challenge))},
    )


def _challenge_path(challenge: Challenge) -> str:
    return reverse(
        "reviews:challenge_detail",
        kwargs={"pk": challenge.assessment_id, "challenge_pk": challenge.pk},
    )
