"""Improvement action plans after publication (issue 16): the council records what it will
do about the findings of a published assessment; the team and admins follow it, overdue
actions are flagged, and the council's next assessment shows the plan and its outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assessments.models import Assessment, QualityStatement


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class ImprovementAction(models.Model):
    """One action against a finding (a quality statement's findings, or the summary)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="improvement_actions"
    )
    statement = models.ForeignKey(
        QualityStatement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="The finding the action answers; empty: the report as a whole.",
    )
    action = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who is responsible, by role or name.")
    due_on = models.DateField()
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Action for {self.assessment}: {self.action[:40]}"


class ProgressNote(models.Model):
    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"Progress on {self.action_id}"
