"""Rendered report versions and bulk exports: generated files are tracked rows."""

from django.conf import settings
from django.db import models

from assessments.models import Assessment


class ReportKind(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Report(models.Model):
    """One rendering of an assessment's report; published ones are immutable."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    input_checksum = models.CharField(max_length=64, blank=True)
    stored_name = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    correction_reason = models.TextField(blank=True)
    # The day this draft was sent to the council for factual accuracy (issue 16): the
    # council's draft access is exactly the drafts with this set.
    sent_to_council_on = models.DateField(null=True, blank=True)
    # Drafts also come as Word (issue 16), built in the same render from the same data.
    docx_sha256 = models.CharField(max_length=64, blank=True)
    # The data the version shows, taken in the transaction that requested it: a worker that
    # renders it later (a queue, a retry) renders what was there when it was asked for, not
    # a later change (null for versions requested before the snapshot existed).
    input_data = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "version"], name="unique_report_version"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="ready_report_has_checksum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment.council} {self.get_kind_display()} v{self.version}"


class BulkExport(models.Model):
    """A ZIP of published reports with a manifest, built by a worker."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    requested_at = models.DateTimeField(auto_now_add=True)
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=16, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stored_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    missing = models.JSONField(
        default=list,
        blank=True,
        help_text="Published assessments whose newest report is not in the ZIP (e.g. still "
        "rendering): council, reason, version, included_version.",
    )

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Bulk export {self.pk} ({self.status})"


class CorrectionKind(models.TextChoices):
    FINDING = "finding", "Finding text"
    SUMMARY = "summary", "Summary"
    SCORE = "score", "Score (a challenge upheld after publication)"


class ReportCorrection(models.Model):
    """One change a correction of a published report made to the data (issue 16), listed in
    the "Corrections" annex of the report version that carries it (`report`, set when that
    version is requested) and of every later version."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="report_corrections"
    )
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    kind = models.CharField(max_length=16, choices=CorrectionKind.choices)
    statement = models.ForeignKey(
        "assessments.QualityStatement", on_delete=models.PROTECT, null=True, blank=True
    )
    field = models.CharField(max_length=40, blank=True, help_text="The finding's field.")
    old_value = models.TextField(blank=True)
    new_value = models.TextField()
    reason = models.TextField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} corrected in {self.assessment}"
