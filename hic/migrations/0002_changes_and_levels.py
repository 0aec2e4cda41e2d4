"""Reference data: the eight changes of the High Impact Change Model for managing transfers of
care, as the Local Government Association lists them, and the five maturity levels (only the
two ends named in our brief; their wording was not confirmed by our search, so they are stored
as unverified and every page says so)."""

from django.db import migrations

LGA = (
    "Local Government Association, High impact change model: "
    "https://www.local.gov.uk/our-support/our-improvement-offer/care-and-health-improvement/"
    "systems-resilience/high-impact-change-model"
)

CHANGES = [
    (1, "Early discharge planning"),
    (2, "Systems to monitor patient flow"),
    (
        3,
        "Multi-disciplinary/multi-agency discharge teams, including the voluntary and "
        "community sector",
    ),
    (4, "Home first/discharge to assess"),
    (5, "Seven-day services"),
    (6, "Trusted assessors"),
    (7, "Focus on choice"),
    (8, "Enhancing health in care homes"),
]

UNVERIFIED = "Not confirmed in a published source by our search (1 December 2026)."
LEVELS = [
    (1, "Not yet established"),
    (2, "Level 2"),
    (3, "Level 3"),
    (4, "Level 4"),
    (5, "Exemplary"),
]


def seed(apps, schema_editor):
    HighImpactChange = apps.get_model("hic", "HighImpactChange")
    MaturityLevel = apps.get_model("hic", "MaturityLevel")
    for number, name in CHANGES:
        HighImpactChange.objects.get_or_create(
            number=number, defaults={"name": name, "source": LGA}
        )
    for number, name in LEVELS:
        MaturityLevel.objects.get_or_create(
            number=number, defaults={"name": name, "verified": False, "source": UNVERIFIED}
        )


class Migration(migrations.Migration):
    dependencies = [("hic", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
