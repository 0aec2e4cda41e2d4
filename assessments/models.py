"""Framework (as versioned data), assessments, scores and the workflow timeline.

Findings, the summary, factual accuracy challenges and deadline extensions are in `reviews`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from assessments import scoring
from councils.models import Council

# ---------------------------------------------------------------------------------------
# The framework: stored as data so a later version never rewrites history.
# ---------------------------------------------------------------------------------------


class Framework(models.Model):
    """A version of the assessment framework (themes, quality statements, categories)."""

    code = models.SlugField(max_length=50)
    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField()
    effective_from = models.DateField()
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_framework_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="one_current_framework"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class Theme(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="themes")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100, help_text='The short label, e.g. "Leadership".')
    full_name = models.CharField(
        max_length=200, blank=True, help_text="The theme's name as CQC's framework pages give it."
    )

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_theme_number")
        ]

    def __str__(self) -> str:
        return self.name


class EvidenceCategory(models.Model):
    """One of CQC's six evidence categories, per framework version."""

    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="evidence_categories"
    )
    code = models.SlugField(max_length=50)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()
    in_use = models.BooleanField(
        default=True, help_text="Whether councils' assessments use this category at all."
    )

    class Meta:
        ordering = ["framework", "order"]
        verbose_name_plural = "evidence categories"
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_category_code")
        ]

    def __str__(self) -> str:
        return self.name


class QualityStatement(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="quality_statements"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="statements")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names seen in reports.")
    we_statement = models.TextField()
    i_statements = models.JSONField(default=list, blank=True)
    categories = models.ManyToManyField(
        EvidenceCategory, through="StatementCategory", related_name="statements"
    )

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_statement_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class StatementCategory(models.Model):
    """Which evidence categories apply to which statement (data, not code)."""

    statement = models.ForeignKey(QualityStatement, on_delete=models.CASCADE)
    category = models.ForeignKey(EvidenceCategory, on_delete=models.PROTECT)
    required = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "category"], name="unique_statement_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement} – {self.category}"


# ---------------------------------------------------------------------------------------
# Assessments
# ---------------------------------------------------------------------------------------


class AssessmentKind(models.TextChoices):
    FORMAL = "formal", "Formal assessment"
    PILOT = "pilot", "Pilot (indicative rating)"


class AssessmentStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    EVIDENCE_GATHERING = "evidence_gathering", "Evidence gathering"
    SCORING = "scoring", "Scoring and drafting"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy check"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"


class TransitionRole(models.TextChoices):
    """Who may take a workflow step (`assessments.workflow` names them per step; the policy
    decides whether a user holds one)."""

    TEAM = "team", "the assessment team"  # any member of the assessment's team
    LEAD_ASSESSOR = "lead_assessor", "the lead assessor"  # the assessment's lead assessor
    ADMIN = "admin", "an admin"


# The status sets the rules ask about, defined once here beside the statuses.
CLOSED_STATUSES = (AssessmentStatus.PUBLISHED, AssessmentStatus.WITHDRAWN)
# Scores are set (and changed) during scoring and drafting and quality assurance.
SCORING_STATUSES = (AssessmentStatus.SCORING, AssessmentStatus.QUALITY_ASSURANCE)
# Evidence is added and changed until the draft goes to the council.
OPEN_FOR_EVIDENCE = (
    AssessmentStatus.PLANNED,
    AssessmentStatus.EVIDENCE_GATHERING,
    *SCORING_STATUSES,
)
# Findings and the summary are written from scoring until publication (accepted challenges
# change them during the factual accuracy check).
OPEN_FOR_FINDINGS = (*SCORING_STATUSES, AssessmentStatus.FACTUAL_ACCURACY)
RULE_VERSION_CHOICES = [(code, rule.name) for code, rule in scoring.RULE_VERSIONS.items()]


class Assessment(models.Model):
    """One council's assessment against one framework version."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(max_length=16, choices=AssessmentKind.choices)
    status = models.CharField(
        max_length=32, choices=AssessmentStatus.choices, default=AssessmentStatus.PLANNED
    )
    scoring_rule = models.CharField(
        max_length=40, choices=RULE_VERSION_CHOICES, default=scoring.CURRENT_RULE.code
    )
    notified_on = models.DateField(null=True, blank=True)
    site_visit_on = models.DateField(null=True, blank=True)
    fa_sent_on = models.DateField("factual accuracy sent", null=True, blank=True)
    fa_due_on = models.DateField("factual accuracy due", null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_precision = models.CharField(
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Month when only the month of publication is known (stored as its first day).",
    )
    lead_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_assessments",
        null=True,
        blank=True,
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="team_assessments", blank=True
    )
    withdrawn_reason = models.TextField(blank=True)
    # Frozen copy of the result at publication, so the national table needs no recomputation
    # and a published rating never changes under a later code or data change.
    published_percentage = models.FloatField(null=True, blank=True)
    published_rating = models.CharField(max_length=32, blank=True)
    imported = models.BooleanField(
        default=False, help_text="Loaded from published results, not assessed in this service."
    )
    is_demo = models.BooleanField(
        default=False,
        help_text="Demo work in progress made by the demo seeding: every page showing it says so.",
    )
    # A pilot's published scores are known only as counts ({"4": 0, "3": 6, ...}): CQC did not
    # publish which statement had which score, so no per-statement scores are stored for it.
    score_counts = models.JSONField(
        null=True,
        blank=True,
        help_text="Imported pilots only: how many statements scored 4, 3, 2 and 1.",
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every change.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council"],
                condition=~Q(status__in=["published", "withdrawn"]),
                name="one_open_assessment_per_council",
                violation_error_message="This council already has an open assessment.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="published_assessment_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} – {self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", kwargs={"pk": self.pk})

    @property
    def is_pilot(self) -> bool:
        return self.kind == AssessmentKind.PILOT

    @property
    def is_published(self) -> bool:
        return self.status == AssessmentStatus.PUBLISHED

    @property
    def published_label(self) -> str:
        """ "June 2025" when only the month is known, else "5 June 2025"; empty if unpublished."""
        from assessments.dates import published_label

        return published_label(self.published_on, self.published_precision)

    @property
    def published_iso(self) -> str:
        """ "2025-06" when only the month is known, else "2025-06-05" (for CSV and the API)."""
        from assessments.dates import published_iso

        return published_iso(self.published_on, self.published_precision)

    @property
    def score_count_rows(self) -> list[tuple[int, int]]:
        """(score, statements) from 4 down to 1, for a pilot known only by its counts."""
        if not self.score_counts:
            return []
        return [(score, int(self.score_counts.get(str(score), 0))) for score in (4, 3, 2, 1)]

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    def team_user_ids(self) -> set[int]:
        ids = {user.pk for user in self.assessors.all()}
        if self.lead_assessor_id:
            ids.add(self.lead_assessor_id)
        return ids


class StatementScore(models.Model):
    """The score (1-4) and written rationale for one quality statement of an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    statement = models.ForeignKey(QualityStatement, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    rationale = models.TextField(blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    scored_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assessment", "statement__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement"], name="unique_statement_score"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="statement_score_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.statement.number}: {self.score}"

    @property
    def descriptor(self) -> str:
        return scoring.descriptor(self.score)


class CategoryScore(models.Model):
    """Earlier rule only: the score of one evidence category within one statement."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="category_scores"
    )
    statement = models.ForeignKey(QualityStatement, on_delete=models.PROTECT)
    category = models.ForeignKey(EvidenceCategory, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField()
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement", "category"], name="unique_category_score"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=4), name="category_score_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.statement.number}/{self.category}: {self.score}"


class StatusTransition(models.Model):
    """One recorded move of an assessment through the process: the timeline."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=32, choices=AssessmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=32, choices=AssessmentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} -> {self.to_status}"
