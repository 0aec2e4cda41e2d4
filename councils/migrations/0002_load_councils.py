"""Load the 153 councils from the project's copy of shared/data/councils.csv (April 2025 codes)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "councils.csv"


def load_councils(apps, schema_editor):
    Council = apps.get_model("councils", "Council")
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    Council.objects.bulk_create(
        [
            Council(
                gss_code=row["gss_code"],
                name=row["name"],
                council_type=row["council_type"],
                region_code=row["region_code"],
                region_name=row["region_name"],
            )
            for row in rows
        ]
    )


def unload_councils(apps, schema_editor):
    apps.get_model("councils", "Council").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]

    operations = [migrations.RunPython(load_councils, unload_councils)]
