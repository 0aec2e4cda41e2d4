"""Councils' self-assessments against the High Impact Change Model for managing transfers of
care: the eight changes and the maturity levels are data (a data migration seeds them with
their sources); a self-assessment is one council's maturity level and note per change on a
date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from councils.models import Council

SYNTHETIC_MARK = "synthetic"


class HighImpactChange(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Change {self.number}: {self.name}"


class MaturityLevel(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=80)
    verified = models.BooleanField(
        default=False, help_text="Whether the name was confirmed in a published source."
    )
    source = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Level {self.number}: {self.name}"


class SelfAssessment(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="hic_self_assessments"
    )
    assessed_on = models.DateField()
    source_file = models.CharField(max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "assessed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "assessed_on"],
                name="unique_hic_self_assessment",
                violation_error_message="This council already has a self-assessment on that date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} on {self.assessed_on:%d %b %Y}"

    @property
    def synthetic(self) -> bool:
        return SYNTHETIC_MARK in self.source_file.lower()


class ChangeRating(models.Model):
    self_assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    change = models.ForeignKey(HighImpactChange, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["self_assessment", "change__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "change"], name="unique_rating_per_change"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="hic_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.self_assessment} change {self.change.number}: {self.level}"
