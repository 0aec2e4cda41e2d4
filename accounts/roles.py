"""The three roles of the service, held as Django groups (created by a data migration)."""

from django.db import models


class Role(models.TextChoices):
    ASSESSOR = "assessor", "Assessor"
    COUNCIL_LEAD = "council_lead", "Council lead"
    ADMIN = "admin", "Admin"


# Group names as people see them in the admin.
GROUP_NAMES = {
    Role.ASSESSOR: "Assessors",
    Role.COUNCIL_LEAD: "Council leads",
    Role.ADMIN: "Admins",
}
