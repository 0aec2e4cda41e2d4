"""Reference data: a winter pressures survey with the questions of issue 18 (exceptional
measures and which kinds, 'life and limb' care at any point, free text)."""

import datetime

from django.db import migrations

QUESTIONS = [
    (1, "exceptional_measures", "Did the council take exceptional measures this winter?", "yes_no"),
    (2, "restricting_care", "Exceptional measures: restricting care", "yes_no"),
    (3, "poorer_providers", "Exceptional measures: using poorer-performing providers", "yes_no"),
    (
        4,
        "life_sustaining_first",
        "Exceptional measures: prioritising life-sustaining care",
        "yes_no",
    ),
    (
        5,
        "life_and_limb",
        "Did the council provide only 'life and limb' care at any point?",
        "yes_no",
    ),
    (6, "comments", "Anything else about this winter", "text"),
]


def seed(apps, schema_editor):
    Survey = apps.get_model("winter", "Survey")
    Question = apps.get_model("winter", "Question")
    survey, _ = Survey.objects.get_or_create(
        code="winter-2017-18",
        defaults={
            "title": "Winter pressures 2017-18",
            "period_start": datetime.date(2017, 12, 1),
            "period_end": datetime.date(2018, 3, 31),
        },
    )
    for number, code, text, kind in QUESTIONS:
        Question.objects.get_or_create(
            survey=survey, code=code, defaults={"number": number, "text": text, "kind": kind}
        )


class Migration(migrations.Migration):
    dependencies = [("winter", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
