"""Evidence items gathered for an assessment, and their attached files."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from assessments.models import Assessment, EvidenceCategory, QualityStatement
from core.models import StoredFile


class Route(models.TextChoices):
    HELD = "held", "Held (what CQC already knows)"
    REQUESTED = "requested", "Requested from the council"
    COLLECTED = "collected", "Collected by the assessment team"


class SourceType(models.TextChoices):
    INFORMATION_RETURN = "information_return", "Information return"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    CASE_TRACKING = "case_tracking", "Case tracking"
    SURVEY = "survey", "Survey"
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus_group", "Focus group"
    NATIONAL_DATA = "national_data", "National data"
    POLICY_DOCUMENT = "policy_document", "Policy document"
    OTHER = "other", "Other"


class EvidenceDirection(models.TextChoices):
    POSITIVE = "positive", "Points to a strength"
    NEGATIVE = "negative", "Points to a shortfall"
    NEUTRAL = "neutral", "Neutral"


class EvidenceItemQuerySet(models.QuerySet):
    def informing(self, statement, *, assessment: Assessment) -> models.QuerySet:
        """The items of `assessment` that inform `statement`, found from one index range of
        the assessment's statement links (EvidenceStatement), however many items the
        database holds.

        A link's assessment is its item's (evidence.services writes both; migration 0007
        copied it), so the items' own assessment is not filtered again: PostgreSQL cannot
        know the two are equal, counted the rows twice as rare and chose slower joins."""
        return self.filter(
            statement_links__assessment=assessment, statement_links__qualitystatement=statement
        )


class EvidenceItem(models.Model):
    """One piece of evidence, linked to the quality statements it informs."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="evidence_items"
    )
    statements = models.ManyToManyField(
        QualityStatement, related_name="evidence_items", through="EvidenceStatement"
    )
    category = models.ForeignKey(EvidenceCategory, on_delete=models.PROTECT)
    route = models.CharField(max_length=16, choices=Route.choices)
    source_type = models.CharField(max_length=32, choices=SourceType.choices)
    title = models.CharField(max_length=200)
    narrative = models.TextField(help_text="What this evidence shows.")
    direction = models.CharField(max_length=16, choices=EvidenceDirection.choices)
    effective_date = models.DateField(help_text="When the evidence is from.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    contains_personal_data = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_authored"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_withdrawn",
    )
    withdrawn_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every change.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = EvidenceItemQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-pk"]
        indexes = [
            models.Index(fields=["assessment", "category"]),
            # Statement pages list an assessment's evidence newest first.
            models.Index(
                fields=["assessment", "-effective_date", "-id"], name="evidence_newest_first"
            ),
            # The assessment overview counts current items per category, and a statement
            # page counts its items (joined to their statements by id), from this index alone.
            # The statement links have their own index by statement (migration 0006).
            models.Index(
                fields=["assessment", "withdrawn_at", "category", "contains_personal_data", "id"],
                name="evidence_overview_counts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", kwargs={"pk": self.pk})

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Attachment(StoredFile):
    """A file attached to an evidence item, stored under a generated name in private storage."""

    evidence_item = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, related_name="attachments"
    )

    class Meta(StoredFile.Meta):
        pass


class PendingUpload(models.Model):
    """A file accepted from a form that has not been saved yet.

    When other fields of the form have errors, accepted files are kept here (tied to the user
    who uploaded them and named in the re-shown form by `token`) so the user need not upload
    them again; a successful save turns them into attachments. Unclaimed rows and their files
    are purged after a day.
    """

    token = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class PreviewStatus(models.TextChoices):
    READY = "ready", "Ready"
    UNAVAILABLE = "unavailable", "Unavailable"  # nothing could be read from the file


class AttachmentPreview(models.Model):
    """What the worker made from an attachment so people can look before downloading: a
    first-page thumbnail (PDFs and images) stored next to the file, and the text of the file
    (PDF, DOCX, XLSX, CSV), kept here so it can be searched later (evidence.extraction)."""

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="preview")
    status = models.CharField(max_length=16, choices=PreviewStatus.choices)
    thumbnail_name = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    text_truncated = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)  # why there is no text, in words
    made_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Preview of {self.attachment}"


class EvidenceStatement(models.Model):
    """An evidence item's link to a quality statement it informs.

    The link carries the item's assessment (an item never moves between assessments) so that a
    statement page counts, and the overview groups, one assessment's links from an index
    range, whatever the number of items in the database. Write links with
    `through_defaults={"assessment_id": item.assessment_id}` (evidence.services does)."""

    evidenceitem = models.ForeignKey(
        EvidenceItem, on_delete=models.CASCADE, related_name="statement_links"
    )
    qualitystatement = models.ForeignKey(QualityStatement, on_delete=models.CASCADE)
    # Indexed first in evidence_links_by_assessment, so no index of its own.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        # The table (and its unique pair) Django made for the many-to-many before the link
        # had a model of its own; kept as they are, so the data stays where it is.
        db_table = "evidence_evidenceitem_statements"
        unique_together = [("evidenceitem", "qualitystatement")]
        indexes = [
            models.Index(
                fields=["assessment", "qualitystatement", "evidenceitem"],
                name="evidence_links_by_assessment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.evidenceitem_id} informs {self.qualitystatement_id}"
