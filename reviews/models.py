"""Findings, the summary, factual accuracy challenges (and their decisions and files) and
deadline extensions: the review of an assessment's draft.

These models moved here from `assessments`; each keeps its table (`db_table`), so no row moved
(migrations `assessments.0004` and `reviews.0001`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from assessments.models import Assessment, QualityStatement
from core.models import StoredFile


class Direction(models.TextChoices):
    IMPROVING = "improving", "Moving in the right direction"
    STABLE = "stable", "Not yet moving in the right direction"
    NOT_JUDGED = "not_judged", "Not judged"


class AssessmentSummary(models.Model):
    """The report's overall summary of an assessment."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="summary")
    summary = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "assessments_assessmentsummary"

    def __str__(self) -> str:
        return f"Summary of {self.assessment}"


class StatementFinding(models.Model):
    """The narrative a report shows for one quality statement."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    statement = models.ForeignKey(QualityStatement, on_delete=models.PROTECT)
    people_told_us = models.TextField("what people told us", blank=True)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    direction = models.CharField(
        max_length=16, choices=Direction.choices, default=Direction.NOT_JUDGED
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "assessments_statementfinding"
        ordering = ["assessment", "statement__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement"], name="unique_statement_finding"
            )
        ]

    def __str__(self) -> str:
        return f"Findings for {self.statement} in {self.assessment}"


class ChallengeKind(models.TextChoices):
    TYPO_OR_NUMBER = "typo_or_number", "Typographical or numerical error"
    FACTUAL = "factual", "Factually inaccurate statement"
    OMISSION = "omission", "Omission"


class ChallengeDecision(models.TextChoices):
    PENDING = "pending", "Awaiting decision"
    ACCEPTED = "accepted", "Accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Challenge(models.Model):
    """A council's factual accuracy challenge to a draft, and the team's decision on it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="challenges")
    statement = models.ForeignKey(
        QualityStatement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Empty when the challenge is to the summary.",
    )
    kind = models.CharField(max_length=20, choices=ChallengeKind.choices)
    text_challenged = models.TextField()
    proposed_correction = models.TextField()
    evidence_note = models.TextField(blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="challenges_raised"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(
        max_length=16, choices=ChallengeDecision.choices, default=ChallengeDecision.PENDING
    )
    decision_reason = models.TextField(blank=True)
    change_made = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # An accepted challenge may change the statement's score (issue 16): old and new, recorded.
    score_before = models.PositiveSmallIntegerField(null=True, blank=True)
    score_after = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "assessments_challenge"
        ordering = ["raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending")
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="decided_challenge_has_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} challenge to {self.assessment}"


class ChallengeAttachment(StoredFile):
    """Supporting evidence the council attaches to a challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")

    class Meta(StoredFile.Meta):
        db_table = "assessments_challengeattachment"


class DeadlineExtension(models.Model):
    """An admin's extension of the factual accuracy deadline (recorded, with a reason)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="deadline_extensions"
    )
    previous_due_on = models.DateField()
    new_due_on = models.DateField()
    reason = models.TextField()
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    extended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "assessments_deadlineextension"

    def __str__(self) -> str:
        return f"Extended to {self.new_due_on}"


# ---- issue 16: the council's confirmation, early publication overrides, publication pauses --


class ConfirmationKind(models.TextChoices):
    NO_COMMENTS = "no_comments", "We have no comments on the draft report"
    ALL_COMMENTS_IN = "all_comments_in", "All our comments are in"


class FactualAccuracyConfirmation(models.Model):
    """A council lead's confirmation that ends the factual accuracy check early.

    It counts for the sending it was made in (`sent_on` is the draft's sending date): after
    a return to scoring and a new sending, the council confirms again.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="fa_confirmations"
    )
    kind = models.CharField(max_length=20, choices=ConfirmationKind.choices)
    sent_on = models.DateField(help_text="The sending of the draft this confirmation is for.")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "sent_on"], name="one_confirmation_per_sending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.assessment})"


class PublicationOverride(models.Model):
    """An admin's decision to publish before the factual accuracy deadline although the
    council has not confirmed, with the reason (recorded and shown)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="publication_overrides"
    )
    sent_on = models.DateField()
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"Early publication of {self.assessment}"


class PublicationPause(models.Model):
    """A pre-election period in which publication is paused: for all councils or named ones."""

    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    all_councils = models.BooleanField(default=True)
    councils = models.ManyToManyField("councils.Council", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="pause_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%-d %B %Y} to {self.ends_on:%-d %B %Y})"
