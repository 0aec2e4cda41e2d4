"""The public risk rating: each council's pressure level comes from the waiting lists
(national.selectors.pressure, one implementation); a council may publish a statement beside
it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from councils.models import Council


class RiskStatement(models.Model):
    council = models.OneToOneField(Council, on_delete=models.PROTECT, related_name="risk_statement")
    text = models.TextField(max_length=2000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    synthetic = models.BooleanField(default=False, help_text="Demo data, labelled as such.")

    def __str__(self) -> str:
        return f"Statement of {self.council}"
