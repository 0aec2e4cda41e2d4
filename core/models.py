"""Abstract models every app may build on, and the generic plumbing's own tables
(idempotency keys, pending uploads)."""

from django.conf import settings
from django.db import models


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


class PendingUpload(StoredFile):
    """A valid file chosen on a form that failed for another reason (core.uploads): kept in
    the private storage, keyed to the form's idempotency key and its user, so the person
    need not choose it again. The form's successful post adopts it (the row goes, the file
    becomes the owner's); abandoned ones are purged with old idempotency keys."""

    key = models.CharField(max_length=64)
    # A pending file is only its uploader's; it goes with the account.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(StoredFile.Meta):
        indexes = [models.Index(fields=["uploaded_by", "key"], name="pending_upload_key")]

    @property
    def name(self) -> str:
        """As an uploaded file's `name`: what the person chose."""
        return self.original_name
