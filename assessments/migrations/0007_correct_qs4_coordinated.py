"""Spell quality statement 4's I statement as CQC does: "coordinated", not "co-ordinated".

Version 1 was loaded with the hyphenated spelling; CQC's framework (and its I statement for
quality statement 1, the same sentence) writes "coordinated". A correction of transcription,
recorded in the framework's history (action "framework.correct") like migration 0006's.
"""

from django.db import migrations

WRONG, RIGHT = "co-ordinated", "coordinated"
NOTE = (
    'Corrected to CQC\'s published spelling, "coordinated" (transcription error in version 1; '
    "the framework itself did not change). Source: CQC, Assessment framework for local "
    "authority assurance."
)


def correct(apps, schema_editor):
    QualityStatement = apps.get_model("assessments", "QualityStatement")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    statement = QualityStatement.objects.filter(
        framework__code="cqc-la", framework__version=1, number=4
    ).first()
    if statement is None or not any(WRONG in text for text in statement.i_statements):
        return
    before = list(statement.i_statements)
    statement.i_statements = [text.replace(WRONG, RIGHT) for text in before]
    statement.save(update_fields=["i_statements"])
    AuditEvent.objects.create(
        action="framework.correct",
        target_type=ContentType.objects.get_or_create(
            app_label="assessments", model="qualitystatement"
        )[0],
        target_id=str(statement.pk),
        target_repr=f"{statement.number}. {statement.name}",
        changes={"i_statements": [before, list(statement.i_statements)]},
        note=NOTE,
    )


def uncorrect(apps, schema_editor):
    QualityStatement = apps.get_model("assessments", "QualityStatement")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    events = AuditEvent.objects.filter(action="framework.correct", note=NOTE)
    for event in events:
        row = QualityStatement.objects.filter(pk=event.target_id).first()
        if row is not None:
            row.i_statements = event.changes["i_statements"][0]
            row.save(update_fields=["i_statements"])
    # Audit events refuse deletion through the model; the historical model has no such guard.
    events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_correct_framework_text_to_cqc"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(correct, uncorrect)]
