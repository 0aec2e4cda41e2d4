"""The audit trail: every change to evidence, scores, findings and status is recorded here."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEvent(models.Model):
    """Who did what to which object, when, with the values before and after.

    Rows are append-only: the admin and the API offer no change or delete, and `save()` of an
    existing row is refused.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=60)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    target_id = models.CharField(max_length=40)
    target_repr = models.CharField(max_length=255)
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    changes = models.JSONField(default=dict, blank=True, help_text="field -> [before, after]")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class StoredFile(models.Model):
    """An uploaded file kept in the private storage under a generated name.

    The uploaded name is kept only for display; it is never used as a path.
    """

    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class IdempotencyKey(models.Model):
    """A key sent with a create (a form's hidden token or an API client's Idempotency-Key
    header), claimed once per user and scope: a repeated post finds the first result instead
    of creating another (core.idempotency)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    scope = models.CharField(max_length=80)
    key = models.CharField(max_length=64)
    result_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "key"], name="idempotency_key_claimed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
