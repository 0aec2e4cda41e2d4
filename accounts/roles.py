"""The roles of the service, held as Django groups (created by a data migration)."""

from django.db import models


class Role(models.TextChoices):
    ASSESSOR = "assessor", "Assessor"
    COUNCIL_LEAD = "council_lead", "Council lead"
    ADMIN = "admin", "Admin"
    # Council staff who prepare the information return (issue 14); members of one council.
    COUNCIL_CONTRIBUTOR = "council_contributor", "Council contributor"


# Group names as people see them in the admin.
GROUP_NAMES = {
    Role.ASSESSOR: "Assessors",
    Role.COUNCIL_LEAD: "Council leads",
    Role.ADMIN: "Admins",
    Role.COUNCIL_CONTRIBUTOR: "Council contributors",
}
