"""The national picture as data: outcome indicators, spend, waiting lists and the pressure
thresholds. Years are financial years named by the year they start in (2023 = 2023-24)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from councils.models import Council


def financial_year_label(year: int) -> str:
    """2023 -> '2023-24'."""
    return f"{year}-{(year + 1) % 100:02d}"


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    PER_100K = "per_100k", "Rate per 100,000 people"
    SCORE = "score", "Score"
    COUNT = "count", "Count"


class OutcomeDomain(models.TextChoices):
    """The three domains outcomes per pound is also computed in (issue 18)."""

    OLDER_ADULTS = "older_adults", "Older adults"
    ALL_AGE_DISABILITY = "all_age_disability", "All-age disability"
    INTERFACE = "interface", "Health and social care interface"


class IndicatorDefinition(models.Model):
    """An outcome measure of one framework version (e.g. ASCOF 2023 '2D')."""

    framework = models.CharField(max_length=40, help_text='For example "ASCOF".')
    framework_version = models.CharField(max_length=20, help_text='For example "2023".')
    code = models.CharField(max_length=20, help_text='For example "2D".')
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=16, choices=IndicatorUnit.choices)
    higher_is_better = models.BooleanField(default=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    outcome_weight = models.DecimalField(
        max_digits=6,
        decimal_places=3,
        default=Decimal("0"),
        help_text=(
            "Weight of this indicator in the outcomes-per-pound score; 0 leaves it out. "
            "Only relative sizes matter."
        ),
    )
    domain = models.CharField(
        max_length=24,
        choices=OutcomeDomain.choices,
        blank=True,
        help_text="The outcome domain it counts in; none leaves it out of the domain rankings.",
    )

    class Meta:
        ordering = ["framework", "framework_version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "framework_version", "code"], name="unique_indicator_code"
            ),
            models.CheckConstraint(
                condition=Q(outcome_weight__gte=0), name="indicator_weight_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework} {self.framework_version} {self.code}: {self.name}"

    @property
    def short_label(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorValue(models.Model):
    """One council's value of one indicator in one financial year."""

    indicator = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="values"
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="indicator_values")
    year = models.PositiveSmallIntegerField(
        help_text="Financial year by its start: 2023 = 2023-24."
    )
    value = models.DecimalField(max_digits=14, decimal_places=4)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    source_file = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["indicator", "council", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "council", "year"], name="unique_indicator_value"
            ),
        ]
        indexes = [models.Index(fields=["year", "indicator"])]

    def __str__(self) -> str:
        return (
            f"{self.indicator.code} {self.council} {financial_year_label(self.year)}: {self.value}"
        )


class CouncilSpend(models.Model):
    """Adult social care gross current expenditure and population 18+ in one financial year."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="spend")
    year = models.PositiveSmallIntegerField(
        help_text="Financial year by its start: 2023 = 2023-24."
    )
    gross_current_expenditure = models.DecimalField(
        max_digits=16, decimal_places=2, help_text="Pounds."
    )
    population_18_plus = models.PositiveIntegerField("population aged 18 and over")
    source_file = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["council", "year"]
        verbose_name_plural = "council spend"
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="unique_council_spend"),
            models.CheckConstraint(
                condition=Q(population_18_plus__gt=0), name="spend_population_positive"
            ),
            models.CheckConstraint(
                condition=Q(gross_current_expenditure__gte=0), name="spend_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} {financial_year_label(self.year)}"

    @property
    def spend_per_adult(self) -> Decimal:
        """Pounds per resident aged 18 and over, to the penny."""
        return (self.gross_current_expenditure / self.population_18_plus).quantize(Decimal("0.01"))


class WaitingListSnapshot(models.Model):
    """Counts of people waiting, for one council on one date."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="waiting_lists")
    snapshot_date = models.DateField()
    awaiting_assessment = models.PositiveIntegerField()
    waiting_over_six_months = models.PositiveIntegerField(
        help_text="Of those awaiting assessment, how many have waited over six months."
    )
    awaiting_service_start = models.PositiveIntegerField(
        help_text="Assessed, and waiting for a service or direct payment to start."
    )
    overdue_reviews = models.PositiveIntegerField()
    source_file = models.CharField(max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "snapshot_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "snapshot_date"],
                name="unique_waiting_list_snapshot",
                violation_error_message=(
                    "This council already has waiting-list figures for that date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(waiting_over_six_months__lte=F("awaiting_assessment")),
                name="six_months_within_awaiting",
                violation_error_message=(
                    "People waiting over six months must be counted among those awaiting "
                    "assessment, so cannot be more."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} on {self.snapshot_date:%d %b %Y}"


class PressureMeasure(models.TextChoices):
    AWAITING_ASSESSMENT = "awaiting_assessment", "awaiting assessment"
    WAITING_OVER_SIX_MONTHS = "waiting_over_six_months", "waiting over six months"
    AWAITING_SERVICE_START = "awaiting_service_start", "awaiting a service to start"
    OVERDUE_REVIEWS = "overdue_reviews", "overdue reviews"


class PressureThresholds(models.Model):
    """The counts per 100,000 adults at which one measure reaches pressure levels 2, 3 and 4,
    in force from a date. A change is a new row with a new date, so history keeps the
    thresholds it was judged by."""

    measure = models.CharField(max_length=32, choices=PressureMeasure.choices)
    effective_from = models.DateField()
    level_2_from = models.DecimalField(max_digits=10, decimal_places=1)
    level_3_from = models.DecimalField(max_digits=10, decimal_places=1)
    level_4_from = models.DecimalField(max_digits=10, decimal_places=1)
    note = models.TextField(blank=True, help_text="Why these thresholds were set.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "-effective_from"]
        verbose_name = "pressure thresholds"
        verbose_name_plural = "pressure thresholds"
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "effective_from"], name="unique_thresholds_per_date"
            ),
            models.CheckConstraint(
                condition=Q(level_2_from__gt=0)
                & Q(level_3_from__gt=F("level_2_from"))
                & Q(level_4_from__gt=F("level_3_from")),
                name="thresholds_rise_with_level",
                violation_error_message=(
                    "Thresholds must be above zero and rise from level 2 to level 4."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} from {self.effective_from:%d %b %Y}"


class ImportKind(models.TextChoices):
    INDICATORS = "indicators", "Indicator values"
    SPEND = "spend", "Spend and population"
    WAITING_LISTS = "waiting_lists", "Waiting lists"


class DataImport(models.Model):
    """One file loaded (all rows or none): who, when, what it changed."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    source_file = models.CharField(max_length=255)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.source_file}"
