"""The register of the 153 councils with adult social services responsibilities."""

from django.conf import settings
from django.db import models


class CouncilType(models.TextChoices):
    COUNTY = "county council", "County council"
    UNITARY = "unitary authority", "Unitary authority"
    METROPOLITAN = "metropolitan borough", "Metropolitan borough"
    LONDON = "London borough", "London borough"


class Council(models.Model):
    """A council; joined to outside data on its GSS code, never on its name."""

    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)
    council_type = models.CharField(max_length=32, choices=CouncilType.choices)
    region_code = models.CharField(max_length=9, db_index=True)
    region_name = models.CharField(max_length=40)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gss_code__regex=r"^E(06|08|09|10)[0-9]{6}$"),
                name="council_gss_code_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("councils:detail", kwargs={"gss_code": self.gss_code})


class CouncilMembership(models.Model):
    """A council lead's membership of a council: they see that council's drafts only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_memberships"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="unique_council_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.council}"
