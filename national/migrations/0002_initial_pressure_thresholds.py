"""The first pressure thresholds (per 100,000 adults), in force from 1 April 2023.

Set by the service team from the spread of published waiting-list counts; admins add a new
version with a later effective date when they review them.
"""

import datetime
from decimal import Decimal

from django.db import migrations

EFFECTIVE_FROM = datetime.date(2023, 4, 1)
NOTE = "Initial thresholds of the first release; review yearly against the national spread."
# measure: (level 2 from, level 3 from, level 4 from), people per 100,000 adults
THRESHOLDS = {
    "awaiting_assessment": (350, 550, 800),
    "waiting_over_six_months": (20, 40, 80),
    "awaiting_service_start": (40, 80, 140),
    "overdue_reviews": (300, 500, 800),
}


def load(apps, schema_editor):
    PressureThresholds = apps.get_model("national", "PressureThresholds")
    PressureThresholds.objects.bulk_create(
        [
            PressureThresholds(
                measure=measure,
                effective_from=EFFECTIVE_FROM,
                level_2_from=Decimal(level_2),
                level_3_from=Decimal(level_3),
                level_4_from=Decimal(level_4),
                note=NOTE,
            )
            for measure, (level_2, level_3, level_4) in THRESHOLDS.items()
        ]
    )


def unload(apps, schema_editor):
    apps.get_model("national", "PressureThresholds").objects.filter(
        effective_from=EFFECTIVE_FROM, note=NOTE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("national", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
