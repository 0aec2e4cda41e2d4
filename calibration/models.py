"""Calibration panels (issue 16): CQC's quality assurance step in which internal and external
members validate an assessment's scores before the draft goes to the council.

The lead assessor proposes the scores; the panel chair records, for each quality statement,
the agreed score and the reason for any change, then signs the panel off. Sending the draft
to the council for factual accuracy is refused until then (`assessments/workflow.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from assessments.models import Assessment, QualityStatement


class PanelStatus(models.TextChoices):
    PREPARING = "preparing", "Preparing"
    PROPOSED = "proposed", "Scores proposed"
    SIGNED_OFF = "signed_off", "Signed off"


class CalibrationPanel(models.Model):
    """One assessment's calibration panel."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="calibration_panel"
    )
    meeting_on = models.DateField("meeting date", null=True, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Records the panel's outcome and signs it off.",
    )
    status = models.CharField(
        max_length=16, choices=PanelStatus.choices, default=PanelStatus.PREPARING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="signed_off")
                | Q(signed_off_by__isnull=False, signed_off_at__isnull=False),
                name="signed_off_panel_has_signer",
            )
        ]

    def __str__(self) -> str:
        return f"Calibration panel for {self.assessment}"

    @property
    def is_signed_off(self) -> bool:
        return self.status == PanelStatus.SIGNED_OFF


class Membership(models.TextChoices):
    INTERNAL = "internal", "Internal"
    EXTERNAL = "external", "External"


class PanelMember(models.Model):
    """A member of the panel, by name and role (external members have no account)."""

    panel = models.ForeignKey(CalibrationPanel, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    membership = models.CharField(max_length=16, choices=Membership.choices)

    class Meta:
        ordering = ["membership", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class PanelOutcome(models.Model):
    """For one quality statement: the score proposed to the panel, the score it agreed and
    the reason for any change."""

    panel = models.ForeignKey(CalibrationPanel, on_delete=models.CASCADE, related_name="outcomes")
    statement = models.ForeignKey(QualityStatement, on_delete=models.PROTECT)
    proposed_score = models.PositiveSmallIntegerField()
    agreed_score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["statement__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "statement"], name="one_outcome_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(proposed_score__gte=1, proposed_score__lte=4),
                name="proposed_score_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(agreed_score__isnull=True)
                | Q(agreed_score__gte=1, agreed_score__lte=4),
                name="agreed_score_1_to_4",
            ),
            # A changed score always carries its reason.
            models.CheckConstraint(
                condition=Q(agreed_score__isnull=True)
                | Q(agreed_score=models.F("proposed_score"))
                | ~Q(reason=""),
                name="changed_score_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.proposed_score} -> {self.agreed_score}"

    @property
    def changed(self) -> bool:
        return self.agreed_score is not None and self.agreed_score != self.proposed_score
