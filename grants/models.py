"""Councils' spending plans for a named grant, split by the grant's conditions.

Grants and their conditions are data (a data migration seeds the improved Better Care Fund of
2017 with its three conditions and their sources), so later grants fit without code: the Adult
Social Care Discharge Fund, the Market Sustainability and Improvement Fund. Years are
financial years named by the year they start in (2017 = 2017-18)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from councils.models import Council

SYNTHETIC_MARK = "synthetic"


class Grant(models.Model):
    code = models.SlugField(max_length=40, unique=True, help_text='For example "ibcf-2017".')
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True, help_text="Where the name is from.")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class GrantCondition(models.Model):
    """One purpose the grant may be spent on, worded as its source words it."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="conditions")
    number = models.PositiveSmallIntegerField()
    short_name = models.CharField(max_length=80)
    wording = models.TextField()
    source = models.CharField(max_length=500, blank=True)
    verification_note = models.TextField(
        blank=True, help_text="What the source confirms, and what it does not."
    )

    class Meta:
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="unique_condition_number"),
        ]

    def __str__(self) -> str:
        return f"{self.grant.code} {self.number}: {self.short_name}"


class SpendingPlan(models.Model):
    """One council's plan for one grant in one financial year."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="spending_plans")
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(
        help_text="Financial year by its start: 2017 = 2017-18."
    )
    source_file = models.CharField(max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["grant", "year", "council"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "grant", "year"], name="unique_spending_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.grant.code} {self.year}"

    @property
    def synthetic(self) -> bool:
        return SYNTHETIC_MARK in self.source_file.lower()


class SpendingLine(models.Model):
    """Planned (and, once known, actual) pounds for one condition of a plan."""

    plan = models.ForeignKey(SpendingPlan, on_delete=models.CASCADE, related_name="lines")
    condition = models.ForeignKey(GrantCondition, on_delete=models.PROTECT, related_name="lines")
    planned = models.DecimalField(max_digits=14, decimal_places=2)
    actual = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["plan", "condition__number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "condition"], name="unique_plan_condition"),
            models.CheckConstraint(condition=Q(planned__gte=0), name="planned_not_negative"),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0), name="actual_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.condition.number}: {self.planned}"
