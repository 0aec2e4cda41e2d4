"""Abstract models every app may build on (core has no tables of its own)."""

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
